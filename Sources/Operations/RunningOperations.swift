import StoreRecords
import Store

/// The operations applying in this process, each with its task and whoever waits for it to end.
///
/// A value kept behind the engine's `Mutex`: an operation is entered before its task starts and removed when the task
/// is about to end, and a waiter can only be added while its operation is entered, so a waiter is either told of the
/// end or refused at once (the operation had ended), never left waiting for an end that already happened.
struct RunningOperations {
    typealias WaitOutcome = OperationWaitOutcome

    fileprivate struct Waiter: Sendable {
        var continuation: CheckedContinuation<WaitOutcome, Never>
        var timer: Task<Void, Never>?
    }

    private struct Entry {
        var task: Task<Void, Never>?
        var waiters: [UInt64: Waiter] = [:]
    }

    private var entries: [OperationID: Entry] = [:]
    private var nextWaiter: UInt64 = 0
    /// Once released, waits are refused until the process ends.
    private var released = false

    var isEmpty: Bool { self.entries.isEmpty }

    var waiterCount: Int { self.entries.values.reduce(0) { $0 + $1.waiters.count } }

    /// The tasks started so far, for waiting on all of them.
    var tasks: [Task<Void, Never>] { self.entries.values.compactMap(\.task) }

    func task(of operation: OperationID) -> Task<Void, Never>? {
        self.entries[operation]?.task
    }

    /// Enters an operation whose task is about to be made.
    mutating func enter(_ operation: OperationID) {
        self.entries[operation] = Entry()
    }

    /// Records the task of an entered operation (unless it already ended).
    mutating func attach(_ task: Task<Void, Never>, to operation: OperationID) {
        self.entries[operation]?.task = task
    }

    /// Removes an ended operation; returns its waiters, to be resumed with `.ended` outside the lock.
    mutating func remove(_ operation: OperationID, status: OperationStatus, result: String?) -> [Resumption] {
        guard let entry = self.entries.removeValue(forKey: operation) else { return [] }
        return entry.waiters.values.map { Resumption(waiter: $0, outcome: .ended(status, result: result)) }
    }

    /// Adds a waiter for `operation`; nil (and the caller resumes it with `.notWaited`) when the operation is not
    /// applying here or waits were released.
    mutating func addWaiter(
        _ continuation: CheckedContinuation<WaitOutcome, Never>, for operation: OperationID
    ) -> UInt64? {
        guard !self.released, self.entries[operation] != nil else { return nil }
        self.nextWaiter &+= 1
        self.entries[operation]?.waiters[self.nextWaiter] = Waiter(continuation: continuation)
        return self.nextWaiter
    }

    /// Records the timer of a waiter; false when the waiter is gone already (the caller cancels the timer).
    mutating func attach(_ timer: Task<Void, Never>, toWaiter token: UInt64, of operation: OperationID) -> Bool {
        guard self.entries[operation]?.waiters[token] != nil else { return false }
        self.entries[operation]?.waiters[token]?.timer = timer
        return true
    }

    /// Removes a waiter whose time ran out; nil when it was resumed already.
    mutating func expire(_ token: UInt64, of operation: OperationID) -> Resumption? {
        guard let waiter = self.entries[operation]?.waiters.removeValue(forKey: token) else { return nil }
        return Resumption(waiter: waiter, outcome: .timedOut, cancelsTimer: false)
    }

    /// Refuses every later wait and returns every current waiter, to be resumed with `.notWaited`.
    mutating func release() -> [Resumption] {
        self.released = true
        var resumptions: [Resumption] = []
        for (operation, entry) in self.entries where !entry.waiters.isEmpty {
            resumptions += entry.waiters.values.map { Resumption(waiter: $0, outcome: .notWaited) }
            self.entries[operation]?.waiters = [:]
        }
        return resumptions
    }

    /// A waiter to resume once the lock is let go (a continuation must not be resumed under it).
    struct Resumption: Sendable {
        fileprivate var waiter: Waiter
        fileprivate var outcome: WaitOutcome
        fileprivate var cancelsTimer = true

        fileprivate init(waiter: Waiter, outcome: WaitOutcome, cancelsTimer: Bool = true) {
            self.waiter = waiter
            self.outcome = outcome
            self.cancelsTimer = cancelsTimer
        }

        /// Resumes the waiter and stops its timer, which has nothing left to do.
        func resume() {
            if self.cancelsTimer { self.waiter.timer?.cancel() }
            self.waiter.continuation.resume(returning: self.outcome)
        }
    }
}
