import CMicroHTTPD
import Glibc

/// A started libmicrohttpd daemon and the C memory it uses, released together by `stop()`.
///
/// Sendable because libmicrohttpd allows `MHD_quiesce_daemon` and `MHD_stop_daemon` from any thread other than its
/// own, and `HTTPServerDaemon` hands the value to exactly one `stop()`.
struct RunningDaemon: @unchecked Sendable {
    /// The configuration checked and converted to libmicrohttpd's C types.
    struct Settings {
        var address: SocketAddress
        var host: String
        var port: UInt16
        var connectionLimit: UInt32
        var perIPConnectionLimit: UInt32
        var connectionTimeout: UInt32
        var connectionMemoryLimit: Int
        var threadPoolSize: UInt32
        var tls: HTTPServerConfiguration.TLS?

        init(_ configuration: HTTPServerConfiguration) throws(HTTPServerError) {
            func limit(_ value: Int, _ name: String) throws(HTTPServerError) -> UInt32 {
                guard let converted = UInt32(exactly: value) else {
                    throw HTTPServerError.invalidConfiguration("\(name) \(value) is out of range")
                }
                return converted
            }
            guard configuration.maxBodyBytes >= 0 else {
                throw HTTPServerError.invalidConfiguration("maxBodyBytes \(configuration.maxBodyBytes) is negative")
            }
            guard configuration.connectionMemoryLimit > 0 else {
                throw HTTPServerError.invalidConfiguration("connectionMemoryLimit must be positive")
            }
            if configuration.tls != nil && MHD_is_feature_supported(.FEATURE_TLS) != .YES {
                throw HTTPServerError.tlsUnsupported
            }
            self.address = try SocketAddress(host: configuration.host, port: configuration.port)
            self.host = configuration.host
            self.port = configuration.port
            self.connectionLimit = try limit(configuration.connectionLimit, "connectionLimit")
            self.perIPConnectionLimit = try limit(configuration.perIPConnectionLimit, "perIPConnectionLimit")
            self.connectionTimeout = try limit(configuration.connectionTimeoutSeconds, "connectionTimeoutSeconds")
            self.connectionMemoryLimit = configuration.connectionMemoryLimit
            self.threadPoolSize = try limit(configuration.threadPoolSize, "threadPoolSize")
            self.tls = configuration.tls
        }
    }

    let daemon: OpaquePointer
    let port: UInt16
    private let logSink: UnsafeMutablePointer<CMicroHTTPD_LogSink>
    private let tlsStrings: [UnsafeMutablePointer<CChar>]

    private init(
        daemon: OpaquePointer, port: UInt16, logSink: UnsafeMutablePointer<CMicroHTTPD_LogSink>,
        tlsStrings: [UnsafeMutablePointer<CChar>]
    ) {
        self.daemon = daemon
        self.port = port
        self.logSink = logSink
        self.tlsStrings = tlsStrings
    }

    /// Starts libmicrohttpd with epoll polling threads, suspend/resume, and the callbacks bound to `core`, which
    /// must outlive the daemon.
    static func start(_ settings: Settings, core: HTTPServerCore) throws(HTTPServerError) -> RunningDaemon {
        let context = Unmanaged.passUnretained(core).toOpaque()
        let logSink = UnsafeMutablePointer<CMicroHTTPD_LogSink>.allocate(capacity: 1)
        logSink.initialize(
            to: CMicroHTTPD_LogSink(
                write: { core, message in
                    guard let core, let message else {
                        return
                    }
                    Unmanaged<HTTPServerCore>.fromOpaque(core).takeUnretainedValue().log(String(cString: message))
                }, context: context))
        // libmicrohttpd may keep the PEM pointers for the daemon's lifetime, so they are copied and owned here.
        let tlsStrings = settings.tls.map { [Self.copy($0.certificatePEM), Self.copy($0.privateKeyPEM)] } ?? []
        var flags =
            MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_USE_ERROR_LOG.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if settings.address.isIPv6 {
            flags |= MHD_USE_IPv6.rawValue
        }
        if settings.tls != nil {
            flags |= MHD_USE_TLS.rawValue
        }
        errno = 0
        let daemon = settings.address.withSockAddr { address in
            CMicroHTTPD_start_daemon(
                flags, address,
                { core, connection, url, method, _, uploadData, uploadDataSize, requestContext in
                    MHDCallbacks.access(
                        core: core, connection: connection, url: url, method: method, uploadData: uploadData,
                        uploadDataSize: uploadDataSize, requestContext: requestContext)
                }, context,
                { core, _, requestContext, _ in
                    MHDCallbacks.requestCompleted(core: core, requestContext: requestContext)
                }, context,
                { core, uri, _ in MHDCallbacks.requestStarted(core: core, uri: uri) }, context,
                logSink, settings.connectionLimit, settings.perIPConnectionLimit, settings.connectionTimeout,
                settings.connectionMemoryLimit, settings.threadPoolSize,
                tlsStrings.first.map { UnsafePointer($0) }, tlsStrings.last.map { UnsafePointer($0) })
        }
        guard let daemon else {
            let code = errno
            logSink.deallocate()
            tlsStrings.forEach { $0.deallocate() }
            throw HTTPServerError.startFailed(
                host: settings.host, port: settings.port, errno: code, reason: String(cString: strerror(code)))
        }
        return RunningDaemon(
            daemon: daemon, port: CMicroHTTPD_bind_port(daemon), logSink: logSink, tlsStrings: tlsStrings)
    }

    /// Stops libmicrohttpd (`MHD_stop_daemon`) and frees the C memory; called once, never on a polling thread.
    func stop() {
        MHD_stop_daemon(self.daemon)
        self.logSink.deallocate()
        self.tlsStrings.forEach { $0.deallocate() }
    }

    /// A NUL-terminated copy of `text` that lives until `stop()`.
    private static func copy(_ text: String) -> UnsafeMutablePointer<CChar> {
        let characters = text.utf8CString
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: characters.count)
        for (offset, character) in characters.enumerated() {
            (copy + offset).initialize(to: character)
        }
        return copy
    }
}
