import Synchronization

extension ReconcileLoop {
    /// Waits for `duration` or a trigger, whichever comes first.
    func sleep(upTo duration: Duration) async {
        guard !Task.isCancelled, !self.state.withLock({ $0.pending }) else { return }
        self.state.withLock { $0.waitOver = false }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await self.sleep(duration) }
            group.addTask {
                await withCheckedContinuation { continuation in
                    let resumeNow = self.state.withLock { state -> Bool in
                        if state.pending || state.waitOver { return true }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
            await group.next()
            group.cancelAll()
            // The waiter is resumed here if the sleep ended first, so the group can finish; one that has not
            // registered yet sees `waitOver` and does not wait at all.
            let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.waitOver = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
