import HTTPServer
import Synchronization

/// Collects what handlers saw, from whichever task ran them.
final class Recorder: Sendable {
    private let requests = Mutex<[HTTPServerRequest]>([])

    func record(_ request: HTTPServerRequest) {
        self.requests.withLock { $0.append(request) }
    }

    var all: [HTTPServerRequest] {
        self.requests.withLock { $0 }
    }

    var count: Int {
        self.requests.withLock { $0.count }
    }
}
