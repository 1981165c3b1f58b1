/// The settings a configuration file gave, typed but not yet validated or merged with the environment and the
/// command line; every value is optional because a file may leave anything out.
///
/// Read with `parse(_:path:)` (or `load(path:)`), then hand to `ServerConfiguration.resolve`. Values keep their key
/// path and position so that the resolver's range and cross-field checks can point at the line to fix.
public struct ConfigurationFile: Sendable, Equatable {
    /// The file's name as given, used in every error and warning.
    public var path: String

    // MARK: Server keys (top level only)

    /// `listen: HOST:PORT`, a Brickyard key; wins over `port`.
    public var listen: FileValue<String>?
    /// Heketi's `port` (a string in heketi.json; an integer is accepted too), checked by the resolver.
    public var port: FileValue<String>?
    /// Heketi's `use_auth`. Brickyard always authenticates unless `--disable-auth`; `false` only earns a warning.
    public var useAuth: FileValue<Bool>?
    /// `jwt.admin.key`.
    public var adminKey: FileValue<String>?
    /// `jwt.user.key`.
    public var userKey: FileValue<String>?
    /// Heketi's `enable_tls`: serve HTTPS with `cert_file` and `key_file`.
    public var enableTLS: FileValue<Bool>?
    /// Heketi's `cert_file`: the server certificate (PEM), with `enable_tls`.
    public var certificateFile: FileValue<String>?
    /// Heketi's `key_file`: the certificate's private key (PEM), with `enable_tls`.
    public var keyFile: FileValue<String>?

    // MARK: GlusterFS keys (under `glusterfs`, or at the top level)

    /// `executor`: `mock`, `local`, `ssh`, `kubectl`, or Heketi's `kubernetes`.
    public var executor: FileValue<String>?
    /// `db`: the database file.
    public var databasePath: FileValue<String>?
    /// `loglevel`.
    public var logLevel: FileValue<String>?
    /// `brick_min_size_gb`, in GiB.
    public var brickMinSizeGB: FileValue<Int>?
    /// `brick_max_size_gb`, in GiB.
    public var brickMaxSizeGB: FileValue<Int>?
    /// `max_bricks_per_volume`.
    public var maxBricksPerVolume: FileValue<Int>?
    /// `average_file_size_kb`, in KiB.
    public var averageFileSizeKB: FileValue<Int>?
    /// `zone_checking`: `none` or `strict`.
    public var zoneChecking: FileValue<String>?
    /// `max_volumes_per_cluster`; negative means no limit.
    public var maxVolumesPerCluster: FileValue<Int>?
    /// `max_inflight_operations`.
    public var maxInflightOperations: FileValue<Int>?
    /// `pre_request_volume_options`: entries of Heketi's comma-separated list (or of a YAML list), not yet parsed.
    public var preRequestVolumeOptions: FileValue<[String]>?
    /// `post_request_volume_options`, like `preRequestVolumeOptions`.
    public var postRequestVolumeOptions: FileValue<[String]>?
    /// `sshexec`, except its port.
    public var sshexec = SSHExecutorSettings()
    /// `sshexec.port` as written. Heketi's sample file holds prose there, so it is checked only when the executor is
    /// ssh; otherwise a bad value is a warning.
    public var sshPort: FileValue<String>?
    /// `kubeexec`.
    public var kubeexec = KubernetesExecutorSettings()
    /// `localexec`.
    public var localexec = LocalExecutorSettings()

    /// Keys ignored while reading (comments such as `_port_comment`, unknown keys, Heketi keys Brickyard has no use
    /// for), one line each with file and position.
    public var warnings: [String] = []

    public init(path: String) {
        self.path = path
    }
}
