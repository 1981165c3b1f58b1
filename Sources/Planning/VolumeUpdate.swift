public import StorageModel

/// A change made to a volume in place, without moving data: options set (a new value for a key already set is a set
/// too), options reset to Gluster's default (`gluster volume reset`), and the group that owns its brick directories.
///
/// The `user.heketi.` and `user.brickyard.` options are Heketi's and Brickyard's own records on the Gluster volume
/// (its id and size, the claim it was made for, placement hints). `init` takes only other options, so a request from
/// outside cannot rewrite them; the controller records what it owns with `settingOwnedOption(_:)`. The id and the
/// size are the engine's alone and are never part of an update. The planner calls `validate()`, which checks every
/// rule again: a journaled update is decoded, not built through these methods.
public struct VolumeUpdate: Hashable, Sendable, Codable {
    /// Options to set, as the requester gave them.
    public private(set) var options: [VolumeOption]
    /// Owned options (`user.heketi.*`, `user.brickyard.*`) an internal caller records.
    public private(set) var ownedOptions: [VolumeOption]
    /// Keys put back to Gluster's default, and removed from the stored options.
    public private(set) var resetKeys: [String]
    /// The group to own the brick directories; nil leaves it as it is, 0 gives them back to root's group (what a
    /// brick made without a gid has).
    public private(set) var gid: Int64?

    /// The prefixes of the options Heketi and Brickyard keep on a volume.
    public static let ownedPrefixes = ["user.heketi.", "user.brickyard."]

    /// Options the engine keeps itself on create and expand (`brickyard recover` reads them back); never updated.
    public static let engineKeys: Set<String> = [VolumePlanner.identityOption, VolumePlanner.sizeOption]

    public init(setting options: [VolumeOption] = [], resetting keys: [String] = [], gid: Int64? = nil) {
        self.options = options
        self.ownedOptions = []
        self.resetKeys = keys
        self.gid = gid
    }

    /// The same update also setting an owned option (replacing an owned option of the same key). Only for callers
    /// inside Brickyard that record what they own, such as the controller's `user.brickyard.deletion-policy`; an
    /// update built from a request must never pass through here.
    public func settingOwnedOption(_ option: VolumeOption) -> VolumeUpdate {
        var update = self
        update.ownedOptions.removeAll { $0.key == option.key }
        update.ownedOptions.append(option)
        return update
    }

    /// Every option the update sets: the requester's, then the owned ones.
    public var optionsToSet: [VolumeOption] { self.options + self.ownedOptions }

    /// Nothing to set, nothing to reset, no gid.
    public var isEmpty: Bool { self.optionsToSet.isEmpty && self.resetKeys.isEmpty && self.gid == nil }

    /// Whether `key` is one of the options Heketi and Brickyard keep (`user.heketi.*`, `user.brickyard.*`).
    public static func isOwned(_ key: String) -> Bool {
        Self.ownedPrefixes.contains { key.hasPrefix($0) }
    }
}
