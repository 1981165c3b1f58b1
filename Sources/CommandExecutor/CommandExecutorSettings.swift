public import NodeCommands

/// How the command executor talks to nodes: tool flags (Heketi's `sshexec`/`kubeexec` keys), the gluster CLI,
/// limits and timeouts.
public struct CommandExecutorSettings: Sendable, Hashable {
    public var storage: StorageToolSettings
    public var gluster: GlusterCLI
    /// How long one round trip (a script or a gluster command) may take before it is killed.
    public var commandTimeout: Duration
    /// Round trips in flight to one node at a time; more wait their turn.
    public var perNodeConcurrency: Int
    /// `volume create ... force` and `add-brick ... force`: lets gluster accept bricks it would refuse, such as
    /// several nodes of a replica set on one machine (the loopback testbed). Off in production, as in Heketi.
    public var forceGlusterBricks: Bool
    /// Start a rebalance after add-brick (Heketi's `rebalance_on_expansion`).
    public var rebalanceOnExpansion: Bool

    public init(
        storage: StorageToolSettings = StorageToolSettings(), gluster: GlusterCLI = GlusterCLI(),
        commandTimeout: Duration = .seconds(300), perNodeConcurrency: Int = 8, forceGlusterBricks: Bool = false,
        rebalanceOnExpansion: Bool = true
    ) {
        self.storage = storage
        self.gluster = gluster
        self.commandTimeout = commandTimeout
        self.perNodeConcurrency = perNodeConcurrency
        self.forceGlusterBricks = forceGlusterBricks
        self.rebalanceOnExpansion = rebalanceOnExpansion
    }
}
