internal import Dispatch
import Synchronization

/// Runs async work from the synchronous command line and waits for its result: the one bridge every command
/// uses. The work runs on Swift's cooperative pool; only the command line's own thread blocks.
enum AsyncBridge {
    static func wait<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Value?>(nil)
        Task {
            let value = await work()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        guard let value = result.withLock({ $0 }) else { preconditionFailure("the work signalled without a result") }
        return value
    }
}
