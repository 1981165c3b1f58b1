import HeketiAPI

/// Brings a server's topology up to a topology file, the way `heketi-cli topology load` does: nodes are found by
/// their management hostname and devices by their path on that node, and only what is missing is created, so a
/// second load of the same file changes nothing.
///
/// A file cluster whose nodes already exist somewhere is that existing cluster; otherwise a new one is made. An item
/// the server refuses is reported and the load goes on, so one bad device does not hide the state of the rest.
public struct TopologyLoader: Sendable {
    let client: HeketiClient

    public init(client: HeketiClient) {
        self.client = client
    }

    /// Loads `file`, telling `report` about each item as it is settled; returns every event in order.
    @discardableResult
    public func load(
        _ file: TopologyFile, report: @Sendable (TopologyLoadEvent) -> Void = { _ in }
    ) async throws(ClientError) -> [TopologyLoadEvent] {
        var events: [TopologyLoadEvent] = []
        func emit(_ event: TopologyLoadEvent) {
            events.append(event)
            report(event)
        }
        var existing = try await self.client.topologyInfo()
        for cluster in file.clusters {
            let clusterID: String
            if let found = Self.existingCluster(for: cluster, in: existing) {
                clusterID = found
                emit(TopologyLoadEvent(kind: .cluster, outcome: .found, id: found))
            } else {
                let created = try await self.client.createCluster(
                    ClusterCreateRequest(file: cluster.file ?? true, block: cluster.block ?? true))
                clusterID = created.id
                emit(TopologyLoadEvent(kind: .cluster, outcome: .created, id: created.id))
                existing.clusters.append(
                    TopologyInfo.Cluster(id: created.id, file: created.file, block: created.block, volumes: [], nodes: []))
            }
            for entry in cluster.nodes {
                guard let node = try await self.settle(entry, in: clusterID, existing: existing, emit: emit) else {
                    continue
                }
                for device in entry.devices {
                    emit(try await self.settle(device, on: node))
                }
            }
        }
        return events
    }

    /// The cluster holding any of the file cluster's nodes, by management hostname.
    public static func existingCluster(for cluster: TopologyFile.Cluster, in topology: TopologyInfo) -> String? {
        for entry in cluster.nodes {
            for hostname in entry.node.hostnames.manage {
                if let node = topology.node(managedAs: hostname) { return node.cluster }
            }
        }
        return nil
    }

    /// Finds or adds the node; nil when it could not be added (reported).
    private func settle(
        _ entry: TopologyFile.NodeEntry, in cluster: String, existing: TopologyInfo,
        emit: (TopologyLoadEvent) -> Void
    ) async throws(ClientError) -> NodeInfoResponse? {
        let hostname = entry.node.hostnames.manage.first ?? ""
        if let node = existing.node(managedAs: hostname) {
            emit(TopologyLoadEvent(kind: .node, outcome: .found, name: hostname, id: node.id, parent: node.cluster))
            return node
        }
        let request = NodeAddRequest(
            zone: entry.node.zone,
            hostnames: HostnamesMessage(manage: entry.node.hostnames.manage, storage: entry.node.hostnames.storage),
            cluster: cluster, tags: entry.node.tags)
        do throws(ClientError) {
            let node = try await self.client.addNode(request)
            emit(TopologyLoadEvent(kind: .node, outcome: .created, name: hostname, id: node.id, parent: cluster))
            return node
        } catch {
            try Self.rethrowIfFatal(error)
            emit(
                TopologyLoadEvent(
                    kind: .node, outcome: .failed, name: hostname, parent: cluster, message: error.description))
            return nil
        }
    }

    private func settle(_ device: TopologyFile.DeviceEntry, on node: NodeInfoResponse) async throws(ClientError)
        -> TopologyLoadEvent
    {
        if let found = node.devices.first(where: { $0.name == device.name }) {
            return TopologyLoadEvent(kind: .device, outcome: .found, name: device.name, id: found.id, parent: node.id)
        }
        do throws(ClientError) {
            let added = try await self.client.addDevice(
                DeviceAddRequest(node: node.id, name: device.name, destroydata: device.destroydata, tags: device.tags))
            return TopologyLoadEvent(kind: .device, outcome: .created, name: device.name, id: added.id, parent: node.id)
        } catch {
            try Self.rethrowIfFatal(error)
            return TopologyLoadEvent(
                kind: .device, outcome: .failed, name: device.name, parent: node.id, message: error.description)
        }
    }

    /// A lost connection or refused credentials will fail every later item too: stop instead of repeating it.
    static func rethrowIfFatal(_ error: ClientError) throws(ClientError) {
        switch error {
        case .unreachable, .unauthorized, .forbidden, .signing: throw error
        default: return
        }
    }
}
