/// How an `HTTPServerDaemon` listens and what it bounds, mapped to libmicrohttpd's `MHD_OPTION_*` values.
public struct HTTPServerConfiguration: Sendable {
    /// A certificate chain and private key in PEM, for `MHD_OPTION_HTTPS_MEM_CERT` and `MHD_OPTION_HTTPS_MEM_KEY`.
    public struct TLS: Sendable {
        public var certificatePEM: String
        public var privateKeyPEM: String

        public init(certificatePEM: String, privateKeyPEM: String) {
            self.certificatePEM = certificatePEM
            self.privateKeyPEM = privateKeyPEM
        }
    }

    /// The numeric IPv4 or IPv6 address to bind, such as `127.0.0.1`, `0.0.0.0` or `::1`; names are not resolved.
    public var host: String
    /// The port to bind; 0 lets the kernel choose one, readable from `HTTPServerDaemon.port` after `start()`.
    public var port: UInt16
    /// The largest request body accepted; larger ones get 413 without reaching the handler.
    public var maxBodyBytes: Int
    /// The most simultaneous connections (`MHD_OPTION_CONNECTION_LIMIT`).
    public var connectionLimit: Int
    /// The most simultaneous connections from one IP address, 0 for no limit
    /// (`MHD_OPTION_PER_IP_CONNECTION_LIMIT`).
    public var perIPConnectionLimit: Int
    /// How long an idle connection stays open, in whole seconds; 0 for ever (`MHD_OPTION_CONNECTION_TIMEOUT`).
    public var connectionTimeoutSeconds: Int
    /// The memory pool of each connection, which bounds the request line and header fields: libmicrohttpd answers
    /// 431 when the header fields do not fit and 414 when the request line does not, without calling the handler
    /// (`MHD_OPTION_CONNECTION_MEMORY_LIMIT`).
    public var connectionMemoryLimit: Int
    /// The number of libmicrohttpd polling threads (`MHD_OPTION_THREAD_POOL_SIZE`); handlers run on Swift tasks.
    public var threadPoolSize: Int
    /// The certificate and key for HTTPS, or `nil` for plain HTTP.
    public var tls: TLS?
    /// Receives libmicrohttpd's error log lines; `nil` drops them.
    public var errorLog: (@Sendable (String) -> Void)?

    public init(
        host: String = "127.0.0.1", port: UInt16 = 0, maxBodyBytes: Int = 1 << 20, connectionLimit: Int = 1024,
        perIPConnectionLimit: Int = 0, connectionTimeoutSeconds: Int = 60, connectionMemoryLimit: Int = 32 << 10,
        threadPoolSize: Int = 2, tls: TLS? = nil, errorLog: (@Sendable (String) -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.connectionLimit = connectionLimit
        self.perIPConnectionLimit = perIPConnectionLimit
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionMemoryLimit = connectionMemoryLimit
        self.threadPoolSize = threadPoolSize
        self.tls = tls
        self.errorLog = errorLog
    }
}
