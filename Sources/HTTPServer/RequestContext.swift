import Synchronization

/// The per-request state behind libmicrohttpd's `req_cls` pointer, created by the URI log callback and released by
/// the request-completed callback.
///
/// Everything but `slot` is touched only by the libmicrohttpd thread that owns the connection; `slot` is where the
/// handler task leaves its response before resuming the connection.
final class RequestContext {
    enum Phase {
        /// Headers parsed; the access handler has not run yet.
        case new
        /// Receiving the body.
        case receiving
        /// The connection is suspended while the handler runs.
        case handling
        /// A response has been queued.
        case responded
    }

    /// The response handed from the handler task back to the libmicrohttpd thread.
    final class Slot: Sendable {
        private let response = Mutex<HTTPServerResponse?>(nil)

        func store(_ response: HTTPServerResponse) {
            self.response.withLock { $0 = response }
        }

        func take() -> HTTPServerResponse? {
            self.response.withLock { slot in
                defer { slot = nil }
                return slot
            }
        }
    }

    let rawURI: String
    var phase = Phase.new
    var body: [UInt8] = []
    var bodyTooLarge = false
    var handlerStarted = false
    let slot = Slot()

    init(rawURI: String) {
        self.rawURI = rawURI
    }

    /// The part of the raw URI after the first `?`.
    var rawQuery: String {
        guard let mark = self.rawURI.firstIndex(of: "?") else {
            return ""
        }
        return String(self.rawURI[self.rawURI.index(after: mark)...])
    }
}
