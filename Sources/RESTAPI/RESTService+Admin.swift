import Foundation
import HeketiAPI
import HTTPServer
import HTTPTypes
import StorageModel
import Store
import EventLog
import Metrics
import StoreRecords
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

    /// Heketi's export format (what `heketi db export` writes and `heketi db import` reads); `?format=brickyard` gives
    /// Brickyard's own dump of every table instead.
    func databaseDump(_ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let format = request.queryValue("format") ?? "heketi"
        guard ["heketi", "brickyard"].contains(format) else {
            throw APIError(status: 400, message: "format: \"\(format)\" must be one of heketi, brickyard")
        }
        do throws(StoreError) {
            switch format {
            case "heketi":
                let topology = try await self.store.topology(includingPending: true)
                let markers = try await self.store.pendingMarkers()
                let unfinished = try await self.store.unfinishedOperations()
                var entries: [OperationID: [String]] = [:]
                for (entry, operation) in markers { entries[operation, default: []].append(entry.id) }
                let pending = HeketiDatabaseDump.Pending(
                    markers: Dictionary(markers.map { ($0.key.id, $0.value.description) }, uniquingKeysWith: { a, _ in a }),
                    operations: unfinished.map { record in
                        .init(
                            id: record.id.description, type: record.type.rawValue, createdAt: record.createdAt.seconds,
                            entries: entries[record.id] ?? [])
                    })
                return Self.json(bytes: JSONBody.encode(HeketiDatabaseDump(topology: topology, pending: pending)))
            default:
                return Self.json(bytes: try await self.store.dump())
            }
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
