/// Why an `HTTPServerDaemon` could not start.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host is not a numeric IPv4 or IPv6 address (`inet_pton` rejected it).
    case invalidHost(String)
    /// A limit is negative or too large for libmicrohttpd.
    case invalidConfiguration(String)
    /// HTTPS was configured but this libmicrohttpd was built without TLS (`MHD_is_feature_supported`).
    case tlsUnsupported
    /// `start()` was called on a daemon that is running or was stopped.
    case notStartable
    /// `MHD_start_daemon` failed, typically because the address is in use; `errno` is the system's reason.
    case startFailed(host: String, port: UInt16, errno: Int32, reason: String)

    public var description: String {
        switch self {
        case .invalidHost(let host):
            "inet_pton: \"\(host)\" is not a numeric IPv4 or IPv6 address"
        case .invalidConfiguration(let problem):
            "invalid HTTP server configuration: \(problem)"
        case .tlsUnsupported:
            "MHD_is_feature_supported: this libmicrohttpd was built without TLS"
        case .notStartable:
            "the HTTP server is already running or was stopped"
        case .startFailed(let host, let port, let errno, let reason):
            "MHD_start_daemon: cannot listen on \(host):\(port): \(reason) (errno \(errno))"
        }
    }
}
