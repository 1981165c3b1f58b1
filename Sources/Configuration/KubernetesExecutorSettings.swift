/// Settings of the Kubernetes executor, from Heketi's `glusterfs.kubeexec` block (the union of the keys Heketi
/// versions have read; newer Heketi reads the API server and credentials from the pod's service account instead).
///
/// Every field is what the file said, or `nil`.
public struct KubernetesExecutorSettings: Sendable, Hashable {
    /// `host`: the API server URL, such as `https://kubernetes.host:8443`.
    public var host: String?
    /// `cert`: the CA certificate file for the API server.
    public var certificateFile: String?
    /// `insecure`: skip verifying the API server's certificate.
    public var insecure: Bool?
    /// `user`: a user name for basic authentication.
    public var user: String?
    /// `password`: the password for `user`.
    public var password: String?
    /// `token`: a bearer token.
    public var token: String?
    /// `token_file`: a file holding the bearer token.
    public var tokenFile: String?
    /// `namespace`: the namespace of the gluster pods.
    public var namespace: String?
    /// `namespace_file`: a file holding the namespace.
    public var namespaceFile: String?
    /// `use_secrets`: read the bearer token from a secret.
    public var useSecrets: Bool?
    /// `use_pod_names`: address pods by name rather than by label.
    public var usePodNames: Bool?
    /// `gluster_daemonset`: the gluster pods belong to a DaemonSet.
    public var glusterDaemonSet: Bool?
    /// `max_connections`: the most concurrent exec connections.
    public var maxConnections: Int?
    /// `disable_timeout_prefix`: do not wrap commands in `timeout`.
    public var disableTimeoutPrefix: Bool?
    /// The keys Heketi shares with `sshexec` (`fstab`, `sudo`, `snapshot_limit`, ...).
    public var commands = NodeCommandSettings()

    public init() {}
}

extension KubernetesExecutorSettings: CustomStringConvertible {
    /// The settings with `password` and `token` redacted, so logging the configuration leaks no credential.
    public var description: String {
        var copy = self
        copy.password = copy.password.map { _ in "<redacted>" }
        copy.token = copy.token.map { _ in "<redacted>" }
        return "KubernetesExecutorSettings(host: \(copy.host ?? "nil"), namespace: \(copy.namespace ?? "nil"), "
            + "user: \(copy.user ?? "nil"), password: \(copy.password ?? "nil"), token: \(copy.token ?? "nil"))"
    }
}
