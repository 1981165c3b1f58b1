import Curl
public import Foundation
public import HeketiAPI

extension HeketiClient {
    /// `GET /hello`: a cheap check that the server answers (no authentication needed).
    public func hello() async throws(ClientError) -> String {
        try await self.request("GET", "/hello").bodyText
    }

    public func operationCounts() async throws(ClientError) -> OperationCounts {
        try await self.get(OperationCounts.self, "/operations")
    }

    /// `GET /operations/pending`.
    public func pendingOperations() async throws(ClientError) -> PendingOperationList {
        try await self.get(PendingOperationList.self, "/operations/pending")
    }

    /// `GET /operations/pending/{id}`: one unfinished operation with its changes.
    public func pendingOperation(_ id: String) async throws(ClientError) -> PendingOperation {
        try await self.get(PendingOperation.self, "/operations/pending/\(id)")
    }

    /// `POST /operations/pending/cleanup`, followed to the end.
    public func cleanUpOperations(_ request: PendingOperationCleanup) async throws(ClientError) {
        _ = try await self.perform("POST", "/operations/pending/cleanup", body: Self.body(request))
    }

    public func adminState() async throws(ClientError) -> AdminStateMessage {
        try await self.get(AdminStateMessage.self, "/admin")
    }

    public func setAdminState(_ state: String) async throws(ClientError) {
        _ = try await self.request(
            "POST", "/admin", body: Self.body(AdminStateMessage(state: state)), expecting: [200, 204])
    }

    /// `GET /internal/logging`.
    public func logLevel() async throws(ClientError) -> LogLevelMessage {
        try await self.get(LogLevelMessage.self, "/internal/logging")
    }

    /// `POST /internal/logging`; returns the levels the server now reports (the ones sent when it answers
    /// without a body).
    public func setLogLevel(_ level: String) async throws(ClientError) -> LogLevelMessage {
        let message = LogLevelMessage(level: level)
        let response = try await self.request(
            "POST", "/internal/logging", body: Self.body(message), expecting: [200, 204])
        guard response.status == 200, !response.body.isEmpty,
            let answer = try? JSONDecoder().decode(LogLevelMessage.self, from: response.body)
        else { return message }
        return answer
    }

    /// `GET /internal/state/examine/gluster`, returned as received: a Brickyard server answers a
    /// `GlusterExaminationResponse`, a Heketi server its own report.
    public func examineGluster() async throws(ClientError) -> Data {
        try await self.request("GET", "/internal/state/examine/gluster").body
    }

    /// `GET /db/check`, returned as received: a Brickyard server answers a `DatabaseCheckResponse`, a Heketi
    /// server its own report.
    public func databaseCheck() async throws(ClientError) -> Data {
        try await self.request("GET", "/db/check").body
    }

    /// `GET /db/dump`: the server's whole state as JSON (Heketi's export format), returned as received.
    public func databaseDump() async throws(ClientError) -> Data {
        try await self.request("GET", "/db/dump").body
    }
}
