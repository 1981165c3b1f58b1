public import StorageModel

/// What an export becomes: Brickyard model values with Heketi's ids, in the order a store inserts them
/// (parents first), plus notes on what the import had to infer.
public struct ImportedTopology: Hashable, Sendable {
    public var clusters: [Cluster]
    public var nodes: [Node]
    public var devices: [Device]
    public var volumes: [Volume]
    public var bricks: [Brick]
    /// Facts worth a look that do not stop the import (see `ImportNote`).
    public var notes: [ImportNote]

    public init(
        clusters: [Cluster] = [], nodes: [Node] = [], devices: [Device] = [], volumes: [Volume] = [],
        bricks: [Brick] = [], notes: [ImportNote] = []
    ) {
        self.clusters = clusters
        self.nodes = nodes
        self.devices = devices
        self.volumes = volumes
        self.bricks = bricks
        self.notes = notes
    }

    /// The same values as one topology, for checks that need lookups.
    public var topology: Topology {
        var topology = Topology()
        for cluster in self.clusters { topology.insert(cluster) }
        for node in self.nodes { topology.insert(node) }
        for device in self.devices { topology.insert(device) }
        for volume in self.volumes { topology.insert(volume) }
        for brick in self.bricks { topology.insert(brick) }
        return topology
    }
}

/// Something the import inferred or corrected, reported to the operator and kept out of the way of the import.
public enum ImportNote: Hashable, Sendable, CustomStringConvertible {
    /// Several sets share one brick size, so which bricks form a set was inferred from their nodes and devices:
    /// Heketi keeps a volume's bricks sorted by id and only Gluster knows the real grouping.
    case setsInferred(volume: VolumeID, sets: Int)
    /// Heketi's `used` for the device differs from what its bricks reserve; Brickyard counts the bricks.
    case deviceUsageDiffers(device: DeviceID, heketiUsed: ByteCount, bricksReserve: ByteCount)
    /// The volume's recorded size differs from the capacity of its brick sets.
    case volumeSizeDiffers(volume: VolumeID, recorded: ByteCount, fromBricks: ByteCount)
    /// Something a recovery from the nodes inferred or left out.
    case observation(String)

    public var description: String {
        switch self {
        case .setsInferred(let volume, let sets):
            return "volume \(volume): \(sets) sets share a brick size, so their grouping was inferred from node "
                + "placement; compare with `gluster volume info`"
        case .deviceUsageDiffers(let device, let heketiUsed, let bricksReserve):
            return "device \(device): Heketi recorded \(heketiUsed) used, its bricks reserve \(bricksReserve); "
                + "Brickyard counts the bricks"
        case .volumeSizeDiffers(let volume, let recorded, let fromBricks):
            return "volume \(volume): Heketi recorded \(recorded), its brick sets hold \(fromBricks)"
        case .observation(let text):
            return text
        }
    }
}
