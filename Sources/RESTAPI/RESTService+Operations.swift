import HTTPServer
import HTTPTypes
import Operations
import Store
import StorageModel
import StoreRecords

/// `GET /operations`: Heketi's counts.
struct OperationsSummary: Codable, Sendable {
    var total: Int
    var inFlight: Int
    var new: Int
    var stale: Int
    var failed: Int

    enum CodingKeys: String, CodingKey {
        case total, new, stale, failed
        case inFlight = "in_flight"
    }
}

/// `GET /operations/pending`.
struct PendingOperationsList: Codable, Sendable {
    struct Entry: Codable, Sendable {
        var id: String
        var typeName: String
        var status: String
        var created: Int64

        enum CodingKeys: String, CodingKey {
            case id, status, created
            case typeName = "type_name"
        }
    }

    var pendingoperations: [Entry]
}

extension RESTService {
    /// Heketi's async protocol: 200 + `X-Pending` while running, then 303 to the result, 204, or 500 with the error.
    /// Unlike Heketi, a finished result can be read more than once, and survives a restart.
    ///
    /// With `Prefer: wait=N` (RFC 7240) a poll of a running operation is held until the operation ends, then answered
    /// exactly as without the preference, or for N seconds (at most `WaitPreference.longestSeconds`), then answered
    /// 200 + `X-Pending` with `Preference-Applied: wait=N`. The connection is suspended meanwhile, so a held poll
    /// costs no thread; beyond `Settings.maxHeldPolls` at once, polls are answered at once.
    func queueStatus(_ id: OperationID, _ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let record = try await self.operationRecord(id)
        guard !record.status.isFinished, let preference = WaitPreference(headers: request.headers),
            self.heldPolls.enter(limit: self.settings.maxHeldPolls)
        else {
            return try Self.queueAnswer(id, record.status, result: record.result)
        }
        let outcome = await self.engine.wait(for: id, upTo: .seconds(preference.seconds))
        self.heldPolls.leave()
        if case .ended(let status, let result) = outcome {
            return try Self.queueAnswer(id, status, result: result)
        }
        let latest = try await self.operationRecord(id)
        var response = try Self.queueAnswer(id, latest.status, result: latest.result)
        if outcome == .timedOut, !latest.status.isFinished {
            response.headers.set(name: "Preference-Applied", value: preference.applied)
        }
        return response
    }

    private func operationRecord(_ id: OperationID) async throws(APIError) -> OperationRecord {
        let record: OperationRecord?
        do throws(StoreError) {
            record = try await self.store.operation(id)
        } catch {
            throw APIError(status: 500, message: error.description)
        }
        guard let record else { throw APIError.idNotFound }
        return record
    }

    private static func queueAnswer(_ id: OperationID, _ status: OperationStatus, result: String?) throws(APIError)
        -> HTTPServerResponse
    {
        switch status {
        case .pending, .running:
            return HTTPServerResponse(status: 200, headers: ["X-Pending": "true"])
        case .succeeded:
            if let location = result, !location.isEmpty {
                return HTTPServerResponse(status: 303, headers: ["Location": location])
            }
            return HTTPServerResponse(status: 204)
        case .failed, .rolledBack:
            throw APIError(status: 500, message: result ?? "operation \(id) failed")
        }
    }

    func operationsSummary() async throws(APIError) -> HTTPServerResponse {
        let all = try await self.operations(status: nil)
        let inFlight = self.engine.inflightCount
        let unfinished = all.filter { !$0.status.isFinished }.count
        return Self.json(
            OperationsSummary(
                total: unfinished, inFlight: inFlight, new: all.filter { $0.status == .pending }.count,
                stale: max(0, unfinished - inFlight), failed: all.filter { $0.status == .failed }.count))
    }

    func pendingOperations() async throws(APIError) -> HTTPServerResponse {
        let unfinished = try await self.operations(status: nil).filter { !$0.status.isFinished }
        return Self.json(
            PendingOperationsList(
                pendingoperations: unfinished.map {
                    .init(id: $0.id.description, typeName: $0.type.rawValue, status: $0.status.rawValue,
                          created: $0.createdAt.seconds)
                }))
    }

    private func operations(status: OperationStatus?) async throws(APIError) -> [OperationRecord] {
        do throws(StoreError) {
            return try await self.store.operations(status: status)
        } catch {
            throw APIError(status: 500, message: error.description)
        }
    }
}
