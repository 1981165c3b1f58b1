/// Settings of the SSH executor, from Heketi's `glusterfs.sshexec` block.
///
/// Every field is what the file said, or `nil`; the executor applies Heketi's defaults (user `heketi`, port 22,
/// key `~/.ssh/id_rsa`).
public struct SSHExecutorSettings: Sendable, Hashable {
    /// `keyfile`: the private key to log in with.
    public var keyFile: String?
    /// `user`: the login user.
    public var user: String?
    /// `port`: the SSH port. Heketi keeps it as a string; it is checked as a number only when the executor is ssh.
    public var port: Int?
    /// The keys Heketi shares with `kubeexec` (`fstab`, `sudo`, `snapshot_limit`, ...).
    public var commands = NodeCommandSettings()

    public init() {}
}
