public import HeketiAPI

extension HeketiClient {
    /// `POST /clusters`: answered at once with the new cluster.
    public func createCluster(_ request: ClusterCreateRequest) async throws(ClientError) -> ClusterInfoResponse {
        let response = try await self.request("POST", "/clusters", body: Self.body(request), expecting: [200, 201])
        return try self.decode(ClusterInfoResponse.self, from: response, request: "POST /clusters")
    }

    public func listClusters() async throws(ClientError) -> ClusterListResponse {
        try await self.get(ClusterListResponse.self, "/clusters")
    }

    public func clusterInfo(_ id: String) async throws(ClientError) -> ClusterInfoResponse {
        try await self.get(ClusterInfoResponse.self, "/clusters/\(id)")
    }

    public func deleteCluster(_ id: String) async throws(ClientError) {
        _ = try await self.perform("DELETE", "/clusters/\(id)")
    }

    /// `POST /clusters/{id}/flags`: a flag left `nil` keeps its value. As heketi-cli does, the cluster is read first
    /// and both flags are sent, since a Heketi server reads a missing flag as false.
    public func setClusterFlags(_ id: String, _ flags: ClusterCreateRequest) async throws(ClientError) {
        let current = try await self.clusterInfo(id)
        let request = ClusterCreateRequest(file: flags.file ?? current.file, block: flags.block ?? current.block)
        _ = try await self.perform("POST", "/clusters/\(id)/flags", body: Self.body(request))
    }
}
