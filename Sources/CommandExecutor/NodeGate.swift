import Synchronization

/// At most `limit` round trips to one node at a time; the rest wait in arrival order. One gate per host, made on
/// first use, so a busy node never starves the others.
final class NodeGate: Sendable {
    private struct State {
        var running: [String: Int] = [:]
        var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `work` once a slot for `host` is free.
    func withSlot<Value>(for host: String, _ work: () async throws(ExecutorFailure) -> Value)
        async throws(ExecutorFailure) -> Value
    {
        await self.acquire(host)
        defer { self.release(host) }
        return try await work()
    }

    private func acquire(_ host: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = self.state.withLock { state -> Bool in
                if state.running[host, default: 0] < self.limit {
                    state.running[host, default: 0] += 1
                    return true
                }
                state.waiting[host, default: []].append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    private func release(_ host: String) {
        let next = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            if var queue = state.waiting[host], !queue.isEmpty {
                let next = queue.removeFirst()
                state.waiting[host] = queue
                return next  // the slot passes straight to the next waiter
            }
            state.running[host, default: 1] -= 1
            return nil
        }
        next?.resume()
    }
}
