public import Allocation
public import StorageModel

/// Everything `brickyard serve` needs to start, resolved from a configuration file, the environment and the command
/// line by `resolve(file:environment:overrides:)`, and validated.
public struct ServerConfiguration: Sendable, Equatable {
    /// Where the REST API listens (default `127.0.0.1:8080`).
    public var listen: ListenAddress
    /// The SQLite database file (default `brickyard.db` in the working directory).
    public var databasePath: String
    /// How commands reach the storage nodes (default `mock`).
    public var executor: ExecutorKind
    /// The JWT secret of the `admin` issuer; required while authentication is on.
    public var adminKey: String?
    /// The JWT secret of the `user` issuer, which may only manage volumes.
    public var userKey: String?
    /// Whether requests must carry a valid JWT; off only with `--disable-auth`.
    public var authEnabled: Bool
    /// `--allow-unauthenticated-remote`: the operator accepted serving without authentication on an address other
    /// hosts can reach.
    public var allowUnauthenticatedRemote: Bool
    /// Placement knobs from `brick_min_size_gb`, `brick_max_size_gb`, `max_bricks_per_volume`,
    /// `average_file_size_kb`, `zone_checking` and `max_volumes_per_cluster`; Heketi's defaults otherwise.
    public var allocationPolicy: AllocationPolicy
    /// Options set on every new volume before the request's own (`pre_request_volume_options`).
    public var preRequestVolumeOptions: [VolumeOption]
    /// Options set on every new volume after the request's own, so they win (`post_request_volume_options`).
    public var postRequestVolumeOptions: [VolumeOption]
    /// The most operations that may run at once; more are refused with 429 (default 8, as in Heketi).
    public var maxInflightOperations: Int
    /// `loglevel`, when the file sets one.
    public var logLevel: LogLevel?
    /// The SSH executor's settings, used when `executor` is `ssh`.
    public var sshexec: SSHExecutorSettings
    /// The Kubernetes executor's settings, used when `executor` is `kubectl`.
    public var kubeexec: KubernetesExecutorSettings
    /// The local executor's settings, used when `executor` is `local`.
    public var localexec = LocalExecutorSettings()
    /// The certificate and key files (PEM) to serve HTTPS with, from `enable_tls`, `cert_file` and `key_file`; nil
    /// for plain HTTP.
    public var tlsFiles: TLSFiles?

    /// Where the server's certificate and private key are, both PEM.
    public struct TLSFiles: Hashable, Sendable {
        public var certificate: String
        public var key: String

        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    /// Loopback, so a fresh server is not reachable from the network until someone says so.
    public static let defaultListen = ListenAddress(host: "127.0.0.1", port: 8080)
    public static let defaultDatabasePath = "brickyard.db"
    public static let defaultExecutor = ExecutorKind.mock
    /// Heketi's `DEFAULT_OP_LIMIT`.
    public static let defaultMaxInflightOperations = 8

    /// The defaults, with authentication on and no keys.
    public init(
        listen: ListenAddress = Self.defaultListen, databasePath: String = Self.defaultDatabasePath,
        executor: ExecutorKind = Self.defaultExecutor, adminKey: String? = nil, userKey: String? = nil,
        authEnabled: Bool = true, allowUnauthenticatedRemote: Bool = false,
        allocationPolicy: AllocationPolicy = AllocationPolicy(), preRequestVolumeOptions: [VolumeOption] = [],
        postRequestVolumeOptions: [VolumeOption] = [], maxInflightOperations: Int = Self.defaultMaxInflightOperations,
        logLevel: LogLevel? = nil, sshexec: SSHExecutorSettings = SSHExecutorSettings(),
        kubeexec: KubernetesExecutorSettings = KubernetesExecutorSettings()
    ) {
        self.listen = listen
        self.databasePath = databasePath
        self.executor = executor
        self.adminKey = adminKey
        self.userKey = userKey
        self.authEnabled = authEnabled
        self.allowUnauthenticatedRemote = allowUnauthenticatedRemote
        self.allocationPolicy = allocationPolicy
        self.preRequestVolumeOptions = preRequestVolumeOptions
        self.postRequestVolumeOptions = postRequestVolumeOptions
        self.maxInflightOperations = maxInflightOperations
        self.logLevel = logLevel
        self.sshexec = sshexec
        self.kubeexec = kubeexec
    }
}

extension ServerConfiguration: CustomStringConvertible {
    /// A summary for the startup log: keys shown only as set or unset.
    public var description: String {
        "listen \(self.listen), db \(self.databasePath), executor \(self.executor), auth "
            + (self.authEnabled ? "on" : "off") + ", admin key " + (self.adminKey == nil ? "unset" : "set")
            + ", user key " + (self.userKey == nil ? "unset" : "set")
    }
}
