import Foundation
import HeketiAPI
import HTTPServer
import HTTPTypes
import Store
import EventLog
import Metrics
import Synchronization

extension RESTService {
    func setAdminState(_ request: HTTPServerRequest) throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(AdminStateMessage.self, from: request.body)
        guard let state = AdminState(rawValue: body.state) else {
            throw APIError(
                status: 400,
                message: "state: \"\(body.state)\" must be one of \(AdminState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let previous = self.adminState.withLock { current in
            defer { current = state }
            return current
        }
        self.log.warning("admin_state_changed", ("from", previous.rawValue), ("to", state.rawValue))
        return HTTPServerResponse(status: 204)
    }

    func databaseDump() async throws(APIError) -> HTTPServerResponse {
        do throws(StoreError) {
            let bytes = try await self.store.dump()
            return HTTPServerResponse(status: 200, headers: ["Content-Type": "application/json"], body: bytes)
        } catch {
            throw APIError(status: 500, message: error.description)
        }
    }

    /// A consistent copy made with SQLite's online backup into a private temporary file, streamed back whole.
    func databaseBackup() async throws(APIError) -> HTTPServerResponse {
        var generator = SystemRandomNumberGenerator()
        let path = (self.settings.temporaryDirectory as NSString)
            .appendingPathComponent("brickyard-backup-\(generator.next() as UInt64).db")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do throws(StoreError) {
            try await self.store.backup(to: path)
        } catch {
            throw APIError(status: 500, message: error.description)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw APIError(status: 500, message: "backup file \(path) could not be read")
        }
        return HTTPServerResponse(
            status: 200,
            headers: ["Content-Type": "application/octet-stream",
                      "Content-Disposition": "attachment; filename=brickyard.db"],
            body: Array(data))
    }

    func renderMetrics() async throws(APIError) -> HTTPServerResponse {
        let topology = try await self.visibleTopology()
        let text = self.metrics.render(additionalGauges: HeketiGauges.samples(for: topology))
        return HTTPServerResponse(
            status: 200, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: Array(text.utf8))
    }
}
