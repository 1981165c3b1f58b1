import HeketiAPI
import HTTPServer
import HTTPTypes
import Operations
import Planning
import StorageModel
import Store
import StoreRecords
import Synchronization

extension RESTService {
    /// One case per route; each handler lives with its resource.
    func dispatch(_ route: Route, _ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        switch route {
        case .hello: return .text("Hello from Brickyard")
        case .metrics: return try await self.renderMetrics()
        case .clusterCreate: return try await self.createCluster(request)
        case .clusterList: return try await self.listClusters()
        case .clusterInfo(let id): return try await self.clusterInfo(id)
        case .clusterSetFlags(let id): return try await self.setClusterFlags(id, request)
        case .clusterDelete(let id): return try await self.deleteCluster(id)
        case .nodeAdd: return try await self.addNode(request)
        case .nodeInfo(let id): return try await self.nodeInfo(id)
        case .nodeDelete(let id):
            try await self.requireVisible(.node(id))
            return try await self.accepted { () throws(OperationError) in try await self.engine.removeNode(id) }
        case .nodeSetState(let id): return try await self.setState(.node(id), request)
        case .nodeSetTags(let id): return try await self.setTags(.node(id), request)
        case .deviceAdd: return try await self.addDevice(request)
        case .deviceInfo(let id): return try await self.deviceInfo(id)
        case .deviceDelete(let id):
            try await self.requireVisible(.device(id))
            return try await self.accepted { () throws(OperationError) in try await self.engine.removeDevice(id) }
        case .deviceSetState(let id): return try await self.setState(.device(id), request)
        case .deviceResync(let id):
            try await self.requireVisible(.device(id))
            return try await self.accepted { () throws(OperationError) in try await self.engine.resyncDevice(id) }
        case .deviceSetTags(let id): return try await self.setTags(.device(id), request)
        case .volumeCreate: return try await self.createVolume(request)
        case .volumeList: return try await self.listVolumes()
        case .volumeInfo(let id): return try await self.volumeInfo(id)
        case .volumeExpand(let id): return try await self.expandVolume(id, request)
        case .volumeDelete(let id):
            try await self.requireMutable(.volume(id))
            return try await self.accepted { () throws(OperationError) in try await self.engine.deleteVolume(id) }
        case .unsupported(let feature):
            throw APIError(status: 501, message: "\(feature) are not supported yet by Brickyard")
        case .queue(let id): return try await self.queueStatus(id, request)
        case .operations: return try await self.operationsSummary()
        case .operationsPending: return try await self.pendingOperations()
        case .adminStateGet: return Self.json(AdminStateMessage(state: self.adminState.withLock { $0.rawValue }))
        case .adminStateSet: return try self.setAdminState(request)
        case .databaseDump: return try await self.databaseDump(request)
        case .databaseCheck: return try await self.databaseCheck()
        case .loggingGet: return Self.json(self.logLevel)
        case .loggingSet: return try self.setLogLevel(request)
        case .examineGluster: return try await self.examineGluster()
        case .databaseBackup: return try await self.databaseBackup()
        }
    }

    /// Heketi's async answer: 202 with the operation's queue location.
    func accepted(_ submit: () async throws(OperationError) -> OperationID) async throws(APIError) -> HTTPServerResponse {
        do throws(OperationError) {
            let operation = try await submit()
            return HTTPServerResponse(status: 202, headers: ["Location": "/queue/\(operation)"])
        } catch {
            throw APIError.from(error)
        }
    }

    /// The topology as clients see it: complete entries only.
    func visibleTopology() async throws(APIError) -> Topology {
        do throws(StoreError) {
            return try await self.store.topology(includingPending: false)
        } catch {
            throw APIError(status: 500, message: error.description)
        }
    }

    static func json(_ value: some Encodable, status: Int = 200) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: ["Content-Type": Self.jsonContentType], body: JSONBody.encode(value))
    }

    /// Heketi's exact header: some clients compare it whole.
    static let jsonContentType = "application/json; charset=UTF-8"

    static func json(bytes: [UInt8], status: Int = 200) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: ["Content-Type": Self.jsonContentType], body: bytes)
    }
}
