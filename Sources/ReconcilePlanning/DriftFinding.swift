public import Planning
public import StorageModel

/// A difference between what Brickyard made and what a node reports, and what (if anything) is safe to do about
/// it without asking anyone.
public struct DriftFinding: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case volumeStopped = "volume_stopped"
        case optionChanged = "option_changed"
        case peerDisconnected = "peer_disconnected"
        case volumeMissing = "volume_missing"
        case brickMissing = "brick_missing"
        case brickOffline = "brick_offline"
        case volumeUnknown = "volume_unknown"
        case deviceSizeChanged = "device_size_changed"
        /// The store records more space than the node reports: placement may promise space the device lacks.
        case deviceSizeOverstated = "device_size_overstated"
        case nodeUnreachable = "node_unreachable"
    }

    public var kind: Kind
    /// What it concerns: a volume name, a host, a device path.
    public var subject: String
    public var message: String
    /// The action that heals it, when healing is safe (start a stopped volume, restore an option, re-probe a peer);
    /// nil when it is only reported.
    public var heal: Action?

    public init(kind: Kind, subject: String, message: String, heal: Action? = nil) {
        self.kind = kind
        self.subject = subject
        self.message = message
        self.heal = heal
    }

    public var description: String { "\(self.kind.rawValue) \(self.subject): \(self.message)" }
}
