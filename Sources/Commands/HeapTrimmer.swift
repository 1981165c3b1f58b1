internal import CMalloc
import Synchronization
internal import RESTAPI

/// Returns freed heap pages to the kernel shortly after a burst of operations ends, and lets go of the code
/// pages the burst ran.
///
/// Every request and operation allocates short-lived buffers; glibc keeps the freed pages for reuse, so a server
/// that handled a burst stays large long after it. One `malloc_trim` once no operation has ended for `delay`
/// gives them back. It waits for quiet on purpose: trimming locks each malloc arena in turn, which a busy
/// server would feel as latency. The same quiet moment re-applies `CodePageAdvice`: the clean code pages the
/// burst touched stay in the page cache, shared and reclaimable, but stop counting in this process's resident
/// set until they run again (the next request pays a few thousand minor faults, a few milliseconds).
final class HeapTrimmer: Sendable {
    private struct State {
        var lastRequest: ContinuousClock.Instant
        var scheduled = false
    }

    private let delay: Duration
    private let state = Mutex(State(lastRequest: .now))

    init(delay: Duration = .milliseconds(200)) {
        self.delay = delay
    }

    /// Notes activity; a trim follows once there has been none for `delay`.
    func request() {
        let first = self.state.withLock { state in
            state.lastRequest = .now
            defer { state.scheduled = true }
            return !state.scheduled
        }
        guard first else { return }
        Task.detached(priority: .background) { [delay = self.delay, trimmer = self] in
            while true {
                try? await Task.sleep(for: delay)
                let quiet = trimmer.state.withLock { state -> Bool in
                    guard state.lastRequest.duration(to: .now) >= delay else { return false }
                    state.scheduled = false
                    return true
                }
                if quiet { break }
            }
            _ = malloc_trim(0)
            CodePageAdvice.apply()
        }
    }
}

/// Lets the engine's completion callback, made before the REST service exists, drop the service's rendered
/// responses once it does.
final class RenderedResponsesHook: Sendable {
    private let service = Mutex<RESTService?>(nil)

    func attach(_ service: RESTService) {
        self.service.withLock { $0 = service }
    }

    func drop() {
        self.service.withLock { $0 }?.dropRenderedResponses()
    }
}
