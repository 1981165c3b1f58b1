public import StorageModel

/// Turns a volume's lifecycle intents into plans. Pure: it reads the volume and its bricks from a topology
/// snapshot and returns actions; it never runs anything.
public enum VolumePlanner {
    /// Heketi's option that names the volume's id on the Gluster volume.
    public static let identityOption = "user.heketi.id"
    /// The volume's size in bytes, kept on the Gluster volume so that a lost store can be rebuilt exactly
    /// (`brickyard recover`): brick sizes are rounded up, and directory bricks have no size on disk at all.
    public static let sizeOption = "user.brickyard.size"

    /// A new volume whose bricks are already recorded: make the bricks, create the volume with all its
    /// sets, set its options (the caller's, then Heketi's `user.heketi.id`), start it.
    public static func create(_ volume: Volume, in topology: Topology) -> Plan {
        let bricks = volume.brickSets.flatMap { $0 }
        var actions = bricks.map { Action.createBrick(brick: $0) }
        actions.append(.createVolume(volume: volume.id, bricks: bricks))
        actions.append(.setOptions(volume: volume.id, options: Self.options(of: volume)))
        actions.append(.startVolume(volume: volume.id))
        return Plan(actions: actions)
    }

    /// New sets for an existing volume: make the bricks, add them, record the new size, rebalance.
    public static func expand(_ volume: Volume, adding sets: [[BrickID]], newSize: ByteCount) -> Plan {
        let bricks = sets.flatMap { $0 }
        var actions = bricks.map { Action.createBrick(brick: $0) }
        actions.append(.addBricks(volume: volume.id, bricks: bricks))
        actions.append(.setOptions(volume: volume.id, options: [Self.size(newSize)]))
        actions.append(.rebalance(volume: volume.id))
        return Plan(actions: actions)
    }

    /// Stop, delete, then free every brick.
    public static func delete(_ volume: Volume) -> Plan {
        var actions: [Action] = [.stopVolume(volume: volume.id), .deleteVolume(volume: volume.id)]
        actions += volume.brickSets.flatMap { $0 }.map { Action.destroyBrick(brick: $0) }
        return Plan(actions: actions)
    }

    /// The options set on a volume: what was asked for, then Heketi's identity option and the size, last so
    /// that nobody can override them.
    public static func options(of volume: Volume) -> [VolumeOption] {
        volume.options.filter { $0.key != Self.identityOption && $0.key != Self.sizeOption }
            + [VolumeOption(key: Self.identityOption, value: volume.id.description), Self.size(volume.size)]
    }

    private static func size(_ size: ByteCount) -> VolumeOption {
        VolumeOption(key: Self.sizeOption, value: String(size.bytes))
    }
}
