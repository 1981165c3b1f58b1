public import Planning
import Foundation
public import StorageModel
import Synchronization

/// Wraps an executor and kills the whole process (SIGKILL) right after the `crashAfter`-th action has taken
/// effect, before the applier can journal it: the worst moment for a crash, reproduced on purpose so tests can
/// prove that a restart converges from there. Only ever configured for tests (`BRICKYARD_CRASH_AFTER_ACTIONS`).
public final class CrashingExecutor: NodeExecutor {
    private let wrapped: any NodeExecutor
    private let crashAfter: Int
    private let count = Mutex(0)

    public init(wrapping wrapped: any NodeExecutor, crashAfter: Int) {
        self.wrapped = wrapped
        self.crashAfter = crashAfter
    }

    public func run(_ action: Action, in topology: Topology) async throws(ExecutorError) -> ActionOutcome {
        let outcome = try await self.wrapped.run(action, in: topology)
        let ran = self.count.withLock { count in
            count += 1
            return count
        }
        if ran >= self.crashAfter {
            kill(getpid(), SIGKILL)
        }
        return outcome
    }
}
