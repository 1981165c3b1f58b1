import HeketiAPI

/// Brings a server's topology up to a topology file, the way `heketi-cli topology load` does: nodes are found by
/// their management hostname and devices by their path on that node, and only what is missing is created, so a
/// second load of the same file changes nothing.
///
/// A file cluster whose nodes already exist somewhere is that existing cluster; otherwise a new one is made. An item
/// the server refuses is reported and the load goes on, so one bad device does not hide the state of the rest.
///
/// A few nodes are settled at once (`concurrentNodes`), each with its devices one after another, so a large file
/// does not wait for every operation in turn; events are still reported in the file's order, and two entries that
/// name the same host are sent in that order too, so the outcome is the one a sequential load would have.
public struct TopologyLoader: Sendable {
    let client: HeketiClient
    /// How many of the file's nodes are settled at once: enough for the server to commit their operations together,
    /// well under its limit of operations in flight (8 by default, in Heketi as in Brickyard).
    public var concurrentNodes = 4

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
                    TopologyInfo.Cluster(
                        id: created.id, file: created.file, block: created.block, volumes: [], nodes: []))
            }
            try await self.settle(cluster.nodes, in: clusterID, existing: existing) { $0.forEach(emit) }
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

    /// Settles `entries`, `concurrentNodes` at a time, handing each entry's events to `emit` in the file's order.
    private func settle(
        _ entries: [TopologyFile.NodeEntry], in cluster: String, existing: TopologyInfo,
        emit: ([TopologyLoadEvent]) -> Void
    ) async throws(ClientError) {
        let limit = max(1, self.concurrentNodes)
        let fatal = await withTaskGroup(
            of: (Int, Result<[TopologyLoadEvent], ClientError>).self, returning: ClientError?.self
        ) { group in
            var settled: [Int: [TopologyLoadEvent]] = [:]
            var next = 0
            var inFlight: [Int: Set<String>] = [:]
            // Records a finished entry and emits every entry whose turn has come; returns a fatal error.
            func finish(_ done: (Int, Result<[TopologyLoadEvent], ClientError>)) -> ClientError? {
                inFlight[done.0] = nil
                switch done.1 {
                case .failure(let error): return error
                case .success(let events): settled[done.0] = events
                }
                while let events = settled.removeValue(forKey: next) {
                    emit(events)
                    next += 1
                }
                return nil
            }
            for (index, entry) in entries.enumerated() {
                let hosts = Set(entry.node.hostnames.manage + entry.node.hostnames.storage)
                while inFlight.count >= limit || inFlight.values.contains(where: { !$0.isDisjoint(with: hosts) }),
                    let done = await group.next()
                {
                    if let error = finish(done) {
                        group.cancelAll()
                        return error
                    }
                }
                inFlight[index] = hosts
                group.addTask { (index, await self.settle(entry, in: cluster, existing: existing)) }
            }
            while let done = await group.next() {
                if let error = finish(done) {
                    group.cancelAll()
                    return error
                }
            }
            return nil
        }
        if let fatal { throw fatal }
    }

    /// One entry: its node found or added, then its devices one after another; fails only with an error that would
    /// fail every later item too.
    private func settle(
        _ entry: TopologyFile.NodeEntry, in cluster: String, existing: TopologyInfo
    ) async -> Result<[TopologyLoadEvent], ClientError> {
        var events: [TopologyLoadEvent] = []
        do throws(ClientError) {
            guard let node = try await self.settle(entry, in: cluster, existing: existing, emit: { events.append($0) })
            else {
                return .success(events)
            }
            var added: [Int] = []
            for device in entry.devices {
                let event = try await self.settle(device, on: node)
                if event.outcome == .created { added.append(events.count) }
                events.append(event)
            }
            if !added.isEmpty {
                try await self.identify(added, in: &events, on: node.id)
            }
            return .success(events)
        } catch {
            return .failure(error)
        }
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

    /// Finds or adds the device; an added one gets its id from `identify`.
    private func settle(_ device: TopologyFile.DeviceEntry, on node: NodeInfoResponse) async throws(ClientError)
        -> TopologyLoadEvent
    {
        if let found = node.devices.first(where: { $0.name == device.name }) {
            return TopologyLoadEvent(kind: .device, outcome: .found, name: device.name, id: found.id, parent: node.id)
        }
        do throws(ClientError) {
            try await self.client.createDevice(
                DeviceAddRequest(node: node.id, name: device.name, destroydata: device.destroydata, tags: device.tags))
            return TopologyLoadEvent(kind: .device, outcome: .created, name: device.name, parent: node.id)
        } catch {
            try Self.rethrowIfFatal(error)
            return TopologyLoadEvent(
                kind: .device, outcome: .failed, name: device.name, parent: node.id, message: error.description)
        }
    }

    /// Heketi's answer to `POST /devices` names no device: one read of the node after its devices gives the ids of
    /// those added (at `indexes` in `events`); one the node does not list is reported as failed.
    private func identify(_ indexes: [Int], in events: inout [TopologyLoadEvent], on node: String)
        async throws(ClientError)
    {
        let info: NodeInfoResponse
        do throws(ClientError) {
            info = try await self.client.nodeInfo(node)
        } catch {
            try Self.rethrowIfFatal(error)
            for index in indexes {
                events[index].outcome = .failed
                events[index].message = error.description
            }
            return
        }
        for index in indexes {
            do throws(ClientError) {
                events[index].id = try HeketiClient.device(named: events[index].name, in: info).id
            } catch {
                events[index].outcome = .failed
                events[index].message = error.description
            }
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
