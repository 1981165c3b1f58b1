import Engine
import Executor
import StorageModel
import Synchronization

/// The mock executor behind a gate: while the gate is closed every action waits, so a test can hold an operation
/// in flight for exactly as long as it needs, without sleeping.
final class GatedExecutor: NodeExecutor {
    let mock: MockExecutor
    private let gate = Mutex(Gate())

    private struct Gate {
        var isOpen = true
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    init(mock: MockExecutor) {
        self.mock = mock
    }

    /// Later actions wait until `open()`.
    func close() {
        self.gate.withLock { $0.isOpen = false }
    }

    /// Lets every waiting and later action run.
    func open() {
        let waiters = self.gate.withLock { gate in
            gate.isOpen = true
            defer { gate.waiters = [] }
            return gate.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Actions currently held at the gate.
    var waitingCount: Int {
        self.gate.withLock { $0.waiters.count }
    }

    func run(_ action: Action, in topology: Topology) async throws(ExecutorError) -> ActionOutcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let passes = self.gate.withLock { gate in
                if gate.isOpen { return true }
                gate.waiters.append(continuation)
                return false
            }
            if passes { continuation.resume() }
        }
        return try await self.mock.run(action, in: topology)
    }
}
