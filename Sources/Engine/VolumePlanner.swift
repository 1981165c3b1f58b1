public import StorageModel

/// Turns a volume's lifecycle intents into plans. Pure: it reads the volume and its bricks from a topology
/// snapshot and returns actions; it never runs anything.
public enum VolumePlanner {
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

    /// New sets for an existing volume: make the bricks, add them, rebalance.
    public static func expand(_ volume: Volume, adding sets: [[BrickID]]) -> Plan {
        let bricks = sets.flatMap { $0 }
        var actions = bricks.map { Action.createBrick(brick: $0) }
        actions.append(.addBricks(volume: volume.id, bricks: bricks))
        actions.append(.rebalance(volume: volume.id))
        return Plan(actions: actions)
    }

    /// Stop, delete, then free every brick.
    public static func delete(_ volume: Volume) -> Plan {
        var actions: [Action] = [.stopVolume(volume: volume.id), .deleteVolume(volume: volume.id)]
        actions += volume.brickSets.flatMap { $0 }.map { Action.destroyBrick(brick: $0) }
        return Plan(actions: actions)
    }

    /// The options set on a volume: what was asked for, with Heketi's identity option last so that nobody
    /// can override it.
    public static func options(of volume: Volume) -> [VolumeOption] {
        volume.options.filter { $0.key != "user.heketi.id" }
            + [VolumeOption(key: "user.heketi.id", value: volume.id.description)]
    }
}
