public import StorageModel

/// Where the bricks of a volume (or of an expansion) go: sets of planned bricks in one cluster.
///
/// IDs are not assigned here: the caller names bricks when it records the placement, so the allocator
/// stays a pure function of its inputs.
public struct Placement: Hashable, Sendable {
    public var cluster: ClusterID
    /// The data brick size chosen by splitting.
    public var brickSize: ByteCount
    /// Sets of `durability.setSize` bricks, in Gluster's order (arbiter last).
    public var sets: [[PlannedBrick]]

    public init(cluster: ClusterID, brickSize: ByteCount, sets: [[PlannedBrick]]) {
        self.cluster = cluster
        self.brickSize = brickSize
        self.sets = sets
    }

    public var bricks: [PlannedBrick] { self.sets.flatMap { $0 } }
}

/// One brick the allocator has found room for.
public struct PlannedBrick: Hashable, Sendable {
    public var device: DeviceID
    public var node: NodeID
    public var zone: Int
    public var role: Brick.Role
    public var space: BrickSpace

    public init(device: DeviceID, node: NodeID, zone: Int, role: Brick.Role, space: BrickSpace) {
        self.device = device
        self.node = node
        self.zone = zone
        self.role = role
        self.space = space
    }
}
