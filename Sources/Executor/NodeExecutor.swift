public import Planning
public import StorageModel

/// Runs the engine's actions on Gluster nodes. The applier hands every action the topology it was planned
/// against (pending entries included), so an executor can look up hosts, devices and brick paths without a store.
///
/// Implementations: the mock (development and tests), and the command executors (local, ssh, kubectl exec).
/// Undo actions must tolerate work that never happened (destroying a brick that is not there succeeds), because
/// recovery after a crash cannot always know how far an action got.
public protocol NodeExecutor: Sendable {
    func run(_ action: Action, in topology: Topology) async throws(ExecutorError) -> ActionOutcome
}

/// What an action learnt on the node that the store must record.
public enum ActionOutcome: Hashable, Sendable {
    case completed
    /// What a device just set up or resynced offers: its usable size (read back from LVM, or the filesystem's
    /// size for a directory device) and how it holds bricks.
    case device(DeviceReport)
}

/// A device as the node reports it after set-up or resync.
public struct DeviceReport: Hashable, Sendable {
    public var size: ByteCount
    public var backend: BrickBackend
    /// False for a directory device whose filesystem cannot enforce brick sizes (no project quotas).
    public var sizeEnforced: Bool

    public init(size: ByteCount, backend: BrickBackend, sizeEnforced: Bool = true) {
        self.size = size
        self.backend = backend
        self.sizeEnforced = sizeEnforced
    }
}
