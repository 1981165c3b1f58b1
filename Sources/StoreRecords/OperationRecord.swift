import Foundation

/// One row of the operations table: what was asked for, how far it got, and what came of it.
///
/// The record outlives the work: a finished operation's `result` stays readable (the REST API's async status
/// endpoint) until `pruneFinishedOperations(olderThan:)` removes it, and unfinished ones survive a restart so
/// recovery can resume or roll them back.
public struct OperationRecord: Hashable, Sendable, Codable {
    public var id: OperationID
    public var type: OperationType
    public var status: OperationStatus
    /// The request as JSON text, enough to resume or undo the operation without the caller's memory.
    public var intent: String
    /// The outcome for clients: a redirect location on success, an error message on failure.
    public var result: String?
    public var createdAt: UnixTime
    public var updatedAt: UnixTime
    /// Set when the status becomes finished; pruning counts from here.
    public var finishedAt: UnixTime?

    public init(
        id: OperationID, type: OperationType, status: OperationStatus = .pending, intent: String, result: String? = nil,
        createdAt: UnixTime, updatedAt: UnixTime? = nil, finishedAt: UnixTime? = nil
    ) {
        self.id = id
        self.type = type
        self.status = status
        self.intent = intent
        self.result = result
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.finishedAt = finishedAt
    }

    /// A pending record whose intent is `intent` encoded as JSON with sorted keys.
    public init(id: OperationID, type: OperationType, encoding intent: some Encodable, at time: UnixTime) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(intent), as: UTF8.self)
        self.init(id: id, type: type, intent: text, createdAt: time)
    }

    /// Decodes the intent back into the type it was recorded from.
    public func decodeIntent<Intent: Decodable>(as type: Intent.Type) throws -> Intent {
        try JSONDecoder().decode(type, from: Data(self.intent.utf8))
    }
}
