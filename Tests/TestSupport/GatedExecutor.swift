public import Planning
public import Executor
public import StorageModel
import Synchronization

/// The mock executor behind a gate: while the gate is closed every action waits, so a test can hold an operation
/// in flight for exactly as long as it needs, without sleeping. `allow(_:)` lets a counted number of actions through
/// a closed gate, so a test can stop an operation after any step.
public final class GatedExecutor: NodeExecutor {
    public let mock: MockExecutor
    private let gate = Mutex(Gate())

    private struct Gate {
        var isOpen = true
        /// Actions that may pass while the gate is closed.
        var permits = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// Actions that have passed the gate, in all.
        var passed = 0
    }

    public init(mock: MockExecutor) {
        self.mock = mock
    }

    /// Later actions wait until `open()` (or a permit from `allow(_:)`).
    public func close() {
        self.gate.withLock { gate in
            gate.isOpen = false
            gate.permits = 0
        }
    }

    /// Lets every waiting and later action run.
    public func open() {
        let waiters = self.gate.withLock { gate in
            gate.isOpen = true
            gate.passed += gate.waiters.count
            defer { gate.waiters = [] }
            return gate.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Lets `count` more actions through the closed gate, waiting ones first.
    public func allow(_ count: Int) {
        let released = self.gate.withLock { gate -> [CheckedContinuation<Void, Never>] in
            gate.permits += count
            let now = min(gate.permits, gate.waiters.count)
            gate.permits -= now
            gate.passed += now
            defer { gate.waiters.removeFirst(now) }
            return Array(gate.waiters.prefix(now))
        }
        released.forEach { $0.resume() }
    }

    /// Actions currently held at the gate.
    public var waitingCount: Int {
        self.gate.withLock { $0.waiters.count }
    }

    /// Actions that have passed the gate so far.
    public var passedCount: Int {
        self.gate.withLock { $0.passed }
    }

    public func run(_ action: Action, in topology: Topology) async throws(ExecutorError) -> ActionOutcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let passes = self.gate.withLock { gate in
                if gate.isOpen {
                    gate.passed += 1
                    return true
                }
                if gate.permits > 0 {
                    gate.permits -= 1
                    gate.passed += 1
                    return true
                }
                gate.waiters.append(continuation)
                return false
            }
            if passes { continuation.resume() }
        }
        return try await self.mock.run(action, in: topology)
    }
}
