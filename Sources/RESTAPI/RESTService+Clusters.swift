import HeketiAPI
import HTTPServer
import Operations
import Planning
import StorageModel
import StoreRecords

extension RESTService {
    func createCluster(_ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(ClusterCreateRequest.self, from: request.body, empty: ClusterCreateRequest())
        var generator = SystemRandomNumberGenerator()
        let cluster = Cluster(
            id: .random(using: &generator), allowsFileVolumes: body.file ?? true, allowsBlockVolumes: body.block ?? true)
        try await self.edit { _ throws(OperationError) in ([.insertCluster(cluster)], ()) }
        return Self.json(ClusterInfoResponse(id: cluster.id.description, nodes: [], volumes: [], block: cluster.allowsBlockVolumes, file: cluster.allowsFileVolumes), status: 201)
    }

    func listClusters() async throws(APIError) -> HTTPServerResponse {
        let topology = try await self.visibleTopology()
        return Self.json(ClusterListResponse(topology: topology))
    }

    func clusterInfo(_ id: ClusterID) async throws(APIError) -> HTTPServerResponse {
        guard let info = ClusterInfoResponse(cluster: id, in: try await self.visibleTopology()) else {
            throw APIError.idNotFound
        }
        return Self.json(info)
    }

    func setClusterFlags(_ id: ClusterID, _ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(ClusterCreateRequest.self, from: request.body)
        try await self.edit { topology throws(OperationError) in
            guard var cluster = topology.clusters[id] else { throw .notFound(kind: "cluster", id: id.description) }
            if let file = body.file { cluster.allowsFileVolumes = file }
            if let block = body.block { cluster.allowsBlockVolumes = block }
            return ([.updateCluster(cluster)], ())
        }
        return HTTPServerResponse(status: 200)
    }

    func deleteCluster(_ id: ClusterID) async throws(APIError) -> HTTPServerResponse {
        try await self.edit { topology throws(OperationError) in
            guard topology.clusters[id] != nil else { throw .notFound(kind: "cluster", id: id.description) }
            let nodes = topology.nodes(in: id).count
            let volumes = topology.volumes(in: id).count
            guard nodes == 0, volumes == 0 else {
                throw .conflict("Unable to delete cluster [\(id)] because it contains volumes and/or nodes")
            }
            return ([.deleteCluster(id)], ())
        }
        return HTTPServerResponse(status: 200)
    }

    /// An immediate change through the engine; unknown ids in the path answer Heketi's `Id not found`.
    func edit<Value: Sendable>(
        _ make: @escaping @Sendable (Topology) throws(OperationError) -> (changes: [StoreChange], value: Value)
    ) async throws(APIError) -> Value {
        do throws(OperationError) {
            return try await self.engine.edit(make)
        } catch {
            if case .notFound = error { throw APIError.idNotFound }
            throw APIError.from(error)
        }
    }
}
