internal import CMalloc
import Synchronization
internal import RESTAPI

/// Returns freed heap pages to the kernel shortly after a burst of operations ends.
///
/// Every request and operation allocates short-lived buffers; glibc keeps the freed pages for reuse, so a server
/// that handled a burst stays large long after it. One `malloc_trim` a moment after the last operation of a
/// burst gives them back. Requests arriving while a trim is scheduled join it, so a busy server trims at most
/// once per `delay`.
final class HeapTrimmer: Sendable {
    private let delay: Duration
    private let scheduled = Mutex(false)

    init(delay: Duration = .milliseconds(200)) {
        self.delay = delay
    }

    /// Schedules a trim `delay` from now unless one is already scheduled.
    func request() {
        let first = self.scheduled.withLock { scheduled in
            defer { scheduled = true }
            return !scheduled
        }
        guard first else { return }
        Task.detached(priority: .background) { [delay = self.delay, scheduled = self] in
            try? await Task.sleep(for: delay)
            scheduled.scheduled.withLock { $0 = false }
            _ = malloc_trim(0)
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
