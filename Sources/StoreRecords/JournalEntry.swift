/// One step of an operation's plan, recorded before and after it runs so a crash leaves a readable trail.
///
/// The engine appends every step when the operation is recorded, the first ones (those about to run) as `started` and
/// the rest as `planned`; the applier sets `started` just before running a later step and `done` or `failed` after;
/// rollback sets `undone`. After a crash, a `started` step is the one whose effect
/// on the cluster is unknown and must be checked or undone.
public struct JournalEntry: Hashable, Sendable, Codable {
    public var operation: OperationID
    /// The 0-based position of the step in the operation's plan.
    public var step: Int
    /// The action as JSON text (an executor command, an LVM or gluster step), opaque to the store.
    public var action: String
    public var state: JournalState
    /// Why the step failed or was undone, if it did.
    public var detail: String?
    public var updatedAt: UnixTime

    public init(
        operation: OperationID, step: Int, action: String, state: JournalState = .planned, detail: String? = nil,
        updatedAt: UnixTime
    ) {
        self.operation = operation
        self.step = step
        self.action = action
        self.state = state
        self.detail = detail
        self.updatedAt = updatedAt
    }
}

/// Where one journal step is; stored as the raw value, checked by the schema.
public enum JournalState: String, Hashable, Sendable, Codable, CaseIterable {
    case planned
    case started
    case done
    case undone
    case failed
}
