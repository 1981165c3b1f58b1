public import StorageModel

extension NodeInfoResponse {
    /// `GET /nodes/{id}` from a snapshot, or nil for an unknown node: the node with its devices (sorted by
    /// id), each with its bricks. Heketi's hostname lists always hold exactly one name.
    public init?(node id: NodeID, in topology: Topology) {
        guard let node = topology.nodes[id] else { return nil }
        self.init(
            zone: node.zone,
            hostnames: HostnamesMessage(manage: [node.manageHostname], storage: [node.storageHostname]),
            cluster: node.cluster.description,
            id: id.description,
            state: node.state.rawValue,
            devices: topology.devices(on: id).map { DeviceInfoResponse(device: $0, in: topology) },
            tags: node.tags.message)
    }
}
