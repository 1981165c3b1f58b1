import Synchronization

/// The state libmicrohttpd's callbacks share with the daemon object and the handler tasks: the handler, the body
/// limit, and the count of requests whose handler has started but whose response is not yet done.
///
/// Callbacks reach it through an unretained pointer; the daemon keeps it alive until `MHD_stop_daemon` returns.
/// Mutable state has one owner, the `Mutex`.
final class HTTPServerCore: Sendable {
    typealias Handler = @Sendable (HTTPServerRequest) async -> HTTPServerResponse

    private struct State {
        var stopping = false
        var inFlight = 0
        var openRequests = 0
        var onDrained: (@Sendable () -> Void)?
        /// Streaming responses being sent, finished by `drain` so that it ends.
        var streams: [ObjectIdentifier: StreamingBody] = [:]
    }

    let handler: Handler
    let maxBodyBytes: Int
    private let errorLog: (@Sendable (String) -> Void)?
    private let state = Mutex(State())

    init(handler: @escaping Handler, maxBodyBytes: Int, errorLog: (@Sendable (String) -> Void)?) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.errorLog = errorLog
    }

    /// Requests libmicrohttpd has begun and not yet completed, whatever their state.
    var openRequestCount: Int {
        self.state.withLock { $0.openRequests }
    }

    func requestOpened() {
        self.state.withLock { $0.openRequests += 1 }
    }

    func requestClosed() {
        self.state.withLock { $0.openRequests -= 1 }
    }

    /// Counts a handler about to start; refuses once the server is stopping, so draining ends.
    func beginHandler() -> Bool {
        self.state.withLock { state in
            guard !state.stopping else {
                return false
            }
            state.inFlight += 1
            return true
        }
    }

    /// Called when a request whose handler started is completed (sent or abandoned).
    func endHandler() {
        let drained = self.state.withLock { state -> (@Sendable () -> Void)? in
            state.inFlight -= 1
            guard state.stopping && state.inFlight == 0 else {
                return nil
            }
            defer { state.onDrained = nil }
            return state.onDrained
        }
        drained?()
    }

    /// Records a streaming response about to be sent; once the server is stopping the stream is finished at once.
    func streamOpened(_ body: StreamingBody) {
        let stopping = self.state.withLock { state in
            state.streams[ObjectIdentifier(body)] = body
            return state.stopping
        }
        if stopping {
            body.finish()
        }
    }

    func streamClosed(_ body: StreamingBody) {
        self.state.withLock { _ = $0.streams.removeValue(forKey: ObjectIdentifier(body)) }
    }

    /// Refuses new handlers from now on, finishes the streaming responses being sent (their producers are
    /// cancelled, their bodies end), and runs `action` once no handler is in flight (at once if none is).
    func drain(then action: @escaping @Sendable () -> Void) {
        let (runNow, streams) = self.state.withLock { state in
            state.stopping = true
            let streams = Array(state.streams.values)
            guard state.inFlight > 0 else {
                return (true, streams)
            }
            state.onDrained = action
            return (false, streams)
        }
        streams.forEach { $0.finish() }
        if runNow {
            action()
        }
    }

    func log(_ message: String) {
        self.errorLog?(message)
    }
}
