/// Connection settings shared by every request of an `HTTPClient`: TLS material, redirects, transport and limits.
public struct HTTPClientConfiguration: Sendable {
    /// PEM material given either as a file path or in memory (as in a kubeconfig's `*-data` fields).
    public enum PEM: Sendable, Hashable {
        case file(String)
        case data([UInt8])
    }

    /// The CA certificates that verify the server (`CURLOPT_CAINFO`), or `nil` for the system store.
    public var caCertificates: PEM?
    /// Skips verification of the server's certificate and name (`CURLOPT_SSL_VERIFYPEER`/`VERIFYHOST` 0).
    public var insecureSkipTLSVerify: Bool
    /// The client certificate for mutual TLS (`CURLOPT_SSLCERT`), as Kubernetes uses.
    public var clientCertificate: PEM?
    /// The client certificate's private key (`CURLOPT_SSLKEY`).
    public var clientKey: PEM?
    /// Whether 3xx responses are followed (`CURLOPT_FOLLOWLOCATION`); off, because Heketi's asynchronous
    /// operations answer 303 and the caller must see it.
    public var followRedirects: Bool
    /// The most redirects followed when `followRedirects` is on.
    public var maxRedirects: Int
    /// A Unix socket to connect through instead of TCP (`CURLOPT_UNIX_SOCKET_PATH`); the URL still names the host.
    public var unixSocketPath: String?
    /// The limit on establishing a connection.
    public var connectTimeout: Duration
    /// The limit on a whole transfer unless the request sets its own; `nil` for none.
    public var timeout: Duration?
    /// The largest response body accepted; a larger one fails with `CurlError.Kind.responseTooLarge`.
    public var maxResponseBytes: Int
    /// How many idle easy handles (and so keep-alive connections) are kept for reuse.
    public var maxIdleHandles: Int
    /// The `User-Agent` header, unless a request sets one.
    public var userAgent: String?

    public init(
        caCertificates: PEM? = nil, insecureSkipTLSVerify: Bool = false, clientCertificate: PEM? = nil,
        clientKey: PEM? = nil, followRedirects: Bool = false, maxRedirects: Int = 10, unixSocketPath: String? = nil,
        connectTimeout: Duration = .seconds(10), timeout: Duration? = nil, maxResponseBytes: Int = 64 << 20,
        maxIdleHandles: Int = 8, userAgent: String? = "brickyard"
    ) {
        self.caCertificates = caCertificates
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.unixSocketPath = unixSocketPath
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.maxIdleHandles = maxIdleHandles
        self.userAgent = userAgent
    }
}
