import CMicroHTTPD
import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server over libmicrohttpd whose requests are answered by an async Swift handler.
///
/// libmicrohttpd's epoll polling threads parse requests and receive bodies; when a request is complete its
/// connection is suspended and the handler runs on a Swift task, so no polling thread waits on Swift code and no
/// cooperative thread blocks on a socket. `stop()` shuts down gracefully.
public final class HTTPServerDaemon: Sendable {
    public typealias Handler = @Sendable (HTTPServerRequest) async -> HTTPServerResponse

    private enum Lifecycle {
        case idle
        case running(RunningDaemon)
        case stopped
    }

    public let configuration: HTTPServerConfiguration
    private let core: HTTPServerCore
    private let lifecycle = Mutex(Lifecycle.idle)

    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), handler: @escaping Handler) {
        self.configuration = configuration
        self.core = HTTPServerCore(
            handler: handler, maxBodyBytes: configuration.maxBodyBytes, errorLog: configuration.errorLog)
    }

    deinit {
        // Without stop(), still never stop libmicrohttpd under a suspended connection: drain first, off this thread.
        let running = self.lifecycle.withLock { lifecycle -> RunningDaemon? in
            guard case .running(let running) = lifecycle else {
                return nil
            }
            lifecycle = .stopped
            return running
        }
        if let running {
            Self.shutDown(running, core: self.core) {}
        }
    }

    /// The bound port while running (the kernel's choice when configured with 0), read with `MHD_get_daemon_info`.
    public var port: UInt16? {
        self.lifecycle.withLock { lifecycle in
            guard case .running(let running) = lifecycle else {
                return nil
            }
            return running.port
        }
    }

    /// Requests libmicrohttpd has started and not yet completed; 0 when idle, which shows nothing leaked.
    public var openRequestCount: Int {
        self.core.openRequestCount
    }

    /// Binds and starts listening (`MHD_start_daemon`); a daemon starts at most once.
    public func start() throws(HTTPServerError) {
        let settings = try RunningDaemon.Settings(self.configuration)
        try self.lifecycle.withLock { lifecycle throws(HTTPServerError) in
            guard case .idle = lifecycle else {
                throw HTTPServerError.notStartable
            }
            lifecycle = .running(try RunningDaemon.start(settings, core: self.core))
        }
    }

    /// Stops gracefully: stops accepting (`MHD_quiesce_daemon`), answers 503 to new requests on open connections,
    /// waits for handlers in flight to finish and their responses to be sent, then stops libmicrohttpd
    /// (`MHD_stop_daemon`), closing idle connections. Returns at once if the daemon is not running.
    ///
    /// A handler that never returns keeps `stop()` waiting; callers that need a deadline race it against one.
    /// Connections attempted while draining wait in the kernel's backlog and are reset when the daemon stops.
    public func stop() async {
        let running = self.lifecycle.withLock { lifecycle -> RunningDaemon? in
            guard case .running(let running) = lifecycle else {
                return nil
            }
            lifecycle = .stopped
            return running
        }
        guard let running else {
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Self.shutDown(running, core: self.core) {
                continuation.resume()
            }
        }
    }

    /// Quiesces, then once drained stops libmicrohttpd on a thread of its own: `MHD_stop_daemon` joins the polling
    /// threads, so it must not run on one of them, and it may block long enough that a Dispatch worker (which on
    /// Linux shares its small thread budget with the cooperative pool) would stall unrelated tasks.
    private static func shutDown(
        _ running: RunningDaemon, core: HTTPServerCore, then done: @escaping @Sendable () -> Void
    ) {
        let listenSocket = MHD_quiesce_daemon(running.daemon)
        core.drain {
            let thread = Thread {
                withExtendedLifetime(core) {
                    running.stop()
                }
                if listenSocket >= 0 {
                    close(listenSocket)
                }
                done()
            }
            thread.name = "brickyard-http-stop"
            thread.start()
        }
    }
}
