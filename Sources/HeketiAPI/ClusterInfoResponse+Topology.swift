public import StorageModel

extension ClusterInfoResponse {
    /// `GET /clusters/{id}` from a snapshot, or nil for an unknown cluster. `blockvolumes` stays empty because
    /// Brickyard refuses block-hosting volumes.
    public init?(cluster id: ClusterID, in topology: Topology) {
        guard let cluster = topology.clusters[id] else { return nil }
        self.init(
            id: id.description,
            nodes: topology.nodes(in: id).map(\.id.description),
            volumes: topology.volumes(in: id).map(\.id.description),
            block: cluster.allowsBlockVolumes,
            file: cluster.allowsFileVolumes)
    }
}
