import EventLog
import Synchronization

extension ReconcileLoop {
    /// Watches the documents with inotify, or says why the loop polls instead (one log line either way).
    func startWatcher() -> DirectoryWatcher? {
        guard self.settings.watch else {
            self.log.info("desired_state_watch", ("mode", "polling"), ("reason", "watching is turned off"))
            return nil
        }
        do throws(DirectoryWatcher.WatchError) {
            let watcher = try DirectoryWatcher(directory: self.settings.directory, debounce: self.settings.debounce)
            let count = watcher.initialWatchCount
            self.log.info(
                "desired_state_watch", ("mode", "inotify"),
                ("reason", "watching \(count) director\(count == 1 ? "y" : "ies")"))
            return watcher
        } catch {
            self.log.info("desired_state_watch", ("mode", "polling"), ("reason", error.description))
            return nil
        }
    }

    /// The watcher saw something under the documents: check their fingerprint now.
    func wake() {
        let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.woken = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// How often the fingerprint is checked: slowly while the watcher works, every `pollInterval` otherwise. A
    /// watcher that stopped working (the directory was moved, the watch limit was reached) is logged once.
    private func checkInterval(_ watcher: DirectoryWatcher?) -> Duration {
        guard let watcher else { return self.settings.pollInterval }
        guard let failure = watcher.failure else { return self.settings.watchedPollInterval }
        let first = self.state.withLock { state in
            defer { state.watchFailureLogged = true }
            return !state.watchFailureLogged
        }
        if first { self.log.warning("desired_state_watch", ("mode", "polling"), ("reason", failure)) }
        return self.settings.pollInterval
    }

    /// Waits for `duration`, a trigger, or a change in the documents, whichever comes first. The watcher only wakes
    /// the wait early; the documents' fingerprint decides whether they changed.
    func sleep(upTo duration: Duration, watcher: DirectoryWatcher?) async {
        let deadline = ContinuousClock.now + duration
        while !Task.isCancelled, ContinuousClock.now < deadline {
            if self.state.withLock({ $0.pending }) { return }
            let fingerprint = Self.fingerprint(self.settings.directory)
            let changed = self.state.withLock { state -> Bool in
                defer { state.lastFingerprint = fingerprint }
                return state.lastFingerprint != fingerprint
            }
            if changed {
                self.log.info("desired_state_changed", ("directory", self.settings.directory))
                return
            }
            let slice = min(self.checkInterval(watcher), ContinuousClock.now.duration(to: deadline))
            self.state.withLock { $0.waitOver = false }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await Task.sleep(for: slice) }
                group.addTask {
                    await withCheckedContinuation { continuation in
                        let resumeNow = self.state.withLock { state -> Bool in
                            if state.pending || state.woken || state.waitOver { return true }
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
            self.state.withLock { $0.woken = false }
        }
    }
}
