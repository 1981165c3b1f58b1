import Curl
public import Foundation

extension HeketiClient {
    /// `GET /hello`: a cheap check that the server answers (no authentication needed).
    public func hello() async throws(ClientError) -> String {
        try await self.request("GET", "/hello").bodyText
    }

    public func operationCounts() async throws(ClientError) -> OperationCounts {
        try await self.get(OperationCounts.self, "/operations")
    }

    public func adminState() async throws(ClientError) -> AdminStateMessage {
        try await self.get(AdminStateMessage.self, "/admin")
    }

    public func setAdminState(_ state: String) async throws(ClientError) {
        _ = try await self.request(
            "POST", "/admin", body: Self.body(AdminStateMessage(state: state)), expecting: [200, 204])
    }

    /// `GET /db/dump`: the server's whole state as JSON, returned as received.
    public func databaseDump() async throws(ClientError) -> Data {
        try await self.request("GET", "/db/dump").body
    }
}
