import Curl
public import HeketiAPI

extension HeketiClient {
    /// `POST /nodes`, followed to the end; returns the new node as the server now reports it.
    public func addNode(_ request: NodeAddRequest) async throws(ClientError) -> NodeInfoResponse {
        let location = try await self.perform("POST", "/nodes", body: Self.body(request))
        guard let id = Self.identifier(in: location) else {
            throw .unexpectedResponse(request: "POST /nodes", detail: "the operation named no node")
        }
        return try await self.nodeInfo(id)
    }

    public func nodeInfo(_ id: String) async throws(ClientError) -> NodeInfoResponse {
        try await self.get(NodeInfoResponse.self, "/nodes/\(id)")
    }

    public func deleteNode(_ id: String) async throws(ClientError) {
        _ = try await self.perform("DELETE", "/nodes/\(id)")
    }

    /// `POST /nodes/{id}/state` with `online`, `offline` or `failed` (remove: its bricks move elsewhere).
    public func setNodeState(_ id: String, _ state: String) async throws(ClientError) {
        _ = try await self.perform("POST", "/nodes/\(id)/state", body: Self.body(StateChangeRequest(state: state)))
    }

    /// `POST /nodes/{id}/tags`; returns the node's tags afterwards.
    public func setNodeTags(_ id: String, _ change: TagsChangeRequest) async throws(ClientError) -> [String: String] {
        try await self.changeTags("/nodes/\(id)/tags", change)
    }

    func changeTags(_ path: String, _ change: TagsChangeRequest) async throws(ClientError) -> [String: String] {
        let response = try await self.request("POST", path, body: Self.body(change), expecting: [200, 204])
        guard response.status == 200, !response.body.isEmpty else { return change.tags }
        return try self.decode(TagsResponse.self, from: response, request: "POST \(path)").tags
    }
}
