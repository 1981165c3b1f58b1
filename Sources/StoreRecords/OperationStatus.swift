/// Where an operation is in its life: intent recorded, executing, or finished one of three ways.
///
/// Stored as the raw value; the schema's CHECK constraint lists the same five words.
public enum OperationStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Intent and new entries are recorded; nothing has run on the cluster yet.
    case pending
    /// The applier has started running the journal's actions.
    case running
    /// Every action ran and the entries were finalized.
    case succeeded
    /// The operation stopped with an error; `result` says why.
    case failed
    /// The operation was undone, for example by start-up recovery after a crash.
    case rolledBack

    /// Whether the operation can no longer change; only finished operations get a finish time and are pruned.
    public var isFinished: Bool {
        switch self {
        case .pending, .running: false
        case .succeeded, .failed, .rolledBack: true
        }
    }
}
