public import StoreRecords

/// How a wait for an operation's end (`OperationEngine.wait(for:upTo:)`) came out.
public enum OperationWaitOutcome: Sendable, Equatable {
    /// The operation ended while waited for, with the status and result its record now holds, so the waiter
    /// answers without reading the record again.
    case ended(OperationStatus, result: String?)
    /// The time given passed first.
    case timedOut
    /// Nothing to wait for: the operation was not applying here (it had ended, or never ran in this process), or
    /// waiting was released (shutdown).
    case notWaited
}
