public import StorageModel

/// What the nodes hold, reduced to what a repair must know: which bricks exist (their LVs or directories), and
/// which Gluster volumes exist with which of those bricks in them.
public struct NodeInventory: Hashable, Sendable {
    public var bricks: Set<BrickID>
    /// Each Gluster volume Brickyard made (known by its `user.heketi.id`) and the bricks it is made of.
    public var volumes: [VolumeID: Set<BrickID>]

    public init(bricks: Set<BrickID> = [], volumes: [VolumeID: Set<BrickID>] = [:]) {
        self.bricks = bricks
        self.volumes = volumes
    }

    /// The brick a name or path component such as `brick_<id>` (an LV, a mount, a directory) stands for.
    public static func brick(in text: some StringProtocol) -> BrickID? {
        text.split(separator: "/").lazy.compactMap { BrickLocation.brick(named: $0) }.first
    }

    /// From an observation of every node: bricks by their LVs, mounts and directories; volumes by their id option.
    public init(observed: ObservedState) {
        var bricks = Set<BrickID>()
        for node in observed.nodes {
            for name in node.logicalVolumes.map(\.name) + node.brickMounts + node.brickDirectories {
                if let brick = Self.brick(in: name) { bricks.insert(brick) }
            }
        }
        var volumes: [VolumeID: Set<BrickID>] = [:]
        for volume in observed.volumes {
            guard let text = volume.heketiID, let id = try? VolumeID(parsing: text) else { continue }
            volumes[id] = Set(volume.bricks.compactMap { Self.brick(in: $0.address) })
        }
        self.init(bricks: bricks, volumes: volumes)
    }
}
