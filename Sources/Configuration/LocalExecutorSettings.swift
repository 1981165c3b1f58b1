/// Settings of the local executor (`glusterfs.localexec`, Brickyard's own block): commands run on this machine,
/// which is the storage node itself or, on a test machine, hosts several simulated nodes.
///
/// `nodes` maps a node's manage hostname to a directory put first on `PATH` for its commands, where a wrapper
/// `gluster` reaches that node's glusterd (the loopback testbed writes one per node).
public struct LocalExecutorSettings: Sendable, Hashable {
    /// `nodes.<host>.path`.
    public var nodePaths: [String: String] = [:]
    /// `force_bricks`: pass `force` to `volume create` and `add-brick`, for bricks gluster would refuse (on the
    /// root filesystem, or a mount point used directly as a brick). Off by default, as in Heketi.
    public var forceBricks: Bool?
    /// `mount_root`: where LVM bricks are mounted (Heketi's root when unset; see `ServerConfiguration.brickMountRoot`).
    public var mountRoot: String?
    /// The keys Heketi's `sshexec` and `kubeexec` share (`fstab`, `sudo`, `gluster_cli_timeout`, ...).
    public var commands = NodeCommandSettings()

    public init() {}
}
