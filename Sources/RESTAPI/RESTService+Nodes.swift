import HeketiAPI
import HTTPServer
import Operations
import Planning
import StorageModel
import Store
import StoreRecords

extension RESTService {
    func addNode(_ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(NodeAddRequest.self, from: request.body)
        let node: Node
        do throws(ValidationError) {
            node = try Self.node(from: body)
        } catch {
            throw APIError.invalid(error)
        }
        do throws(APIError) {
            return try await self.accepted { () throws(OperationError) in try await self.engine.addNode(node) }
        } catch where error.status == 404 {
            throw APIError(status: 404, message: "Cluster id does not exist")
        }
    }

    /// Checks everything Heketi checks before answering 202; the cluster's existence and hostname uniqueness are
    /// checked by the planner against the store.
    static func node(from body: NodeAddRequest) throws(ValidationError) -> Node {
        let cluster = try ClusterID(parsing: body.cluster)
        guard let manage = body.hostnames.manage.first else {
            throw ValidationError(field: "hostnames.manage", value: "", problem: .required)
        }
        guard let storage = body.hostnames.storage.first else {
            throw ValidationError(field: "hostnames.storage", value: "", problem: .required)
        }
        for (field, list) in [("hostnames.manage", body.hostnames.manage), ("hostnames.storage", body.hostnames.storage)]
        where list.count > 1 {
            throw ValidationError(field: field, value: String(list.count), problem: .tooMany(maximum: 1))
        }
        var generator = SystemRandomNumberGenerator()
        let node = Node(
            id: .random(using: &generator), cluster: cluster, zone: body.zone, manageHostname: manage,
            storageHostname: storage, tags: try Tags(validating: body.tags ?? [:]))
        try node.validate()
        return node
    }

    func nodeInfo(_ id: NodeID) async throws(APIError) -> HTTPServerResponse {
        guard let info = NodeInfoResponse(node: id, in: try await self.visibleTopology()) else {
            throw APIError.idNotFound
        }
        return Self.json(info)
    }

    func setState(_ target: StateTarget, _ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(StateRequest.self, from: request.body)
        let state: OperationalState
        do throws(ValidationError) {
            state = try OperationalState(validating: body.state)
        } catch {
            throw APIError.invalid(error)
        }
        try await self.requireVisible(target)
        return try await self.accepted { () throws(OperationError) in
            do throws(OperationError) {
                return try await self.engine.setState(target, to: state)
            } catch {
                // Heketi answers 202 and fails the operation: its clients read the refusal from `/queue/{id}`.
                guard case .transitionRefused(let reason) = error else { throw error }
                return try await self.engine.recordRefusal(of: .setState(target, state, replacements: []), reason: reason)
            }
        }
    }

    func setTags(_ target: StateTarget, _ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(TagsChangeRequest.self, from: request.body)
        guard let change = Tags.Change(rawValue: body.changeType) else {
            throw APIError.invalid(
                ValidationError(
                    field: "change_type", value: body.changeType, problem: .notOneOf(Tags.Change.allCases.map(\.rawValue))))
        }
        try await self.requireVisible(target)
        let tags = try await self.edit { topology throws(OperationError) -> (changes: [StoreChange], value: Tags) in
            switch target {
            case .node(let id):
                guard var node = topology.nodes[id] else { throw .notFound(kind: "node", id: id.description) }
                node.tags = try Self.applying(change, body.tags, to: node.tags)
                return ([.updateNode(node)], node.tags)
            case .device(let id):
                guard var device = topology.devices[id] else { throw .notFound(kind: "device", id: id.description) }
                device.tags = try Self.applying(change, body.tags, to: device.tags)
                return ([.updateDevice(device)], device.tags)
            }
        }
        return Self.json(TagsResponse(tags: tags.values))
    }

    static func applying(_ change: Tags.Change, _ values: [String: String], to tags: Tags) throws(OperationError) -> Tags {
        do throws(ValidationError) {
            return try tags.applying(change, values)
        } catch {
            throw .invalid(error)
        }
    }

    /// Entries still being added (or being removed) are not there for clients: a change to one is busy while the
    /// operation holds it, and `Id not found` otherwise.
    func requireVisible(_ target: StateTarget) async throws(APIError) {
        switch target {
        case .node(let id): try await self.requireMutable(.node(id))
        case .device(let id): try await self.requireMutable(.device(id))
        }
    }

    /// A mutation names an entry clients can see; one an unfinished operation is creating or removing answers 409
    /// busy with that operation (so a delete racing an expand says why), anything else Heketi's `Id not found`.
    func requireMutable(_ entry: StoreEntry) async throws(APIError) {
        let topology = try await self.visibleTopology()
        let visible: Bool
        switch entry {
        case .node(let id): visible = topology.nodes[id] != nil
        case .device(let id): visible = topology.devices[id] != nil
        case .volume(let id): visible = topology.volumes[id] != nil
        case .brick(let id): visible = topology.bricks[id] != nil
        }
        guard !visible else { return }
        if let holder = try? await self.store.holds().conflict(with: .exclusive(entry)) {
            throw APIError.from(.objectBusy(entry, operation: holder.operation, type: holder.type))
        }
        throw APIError.idNotFound
    }
}
