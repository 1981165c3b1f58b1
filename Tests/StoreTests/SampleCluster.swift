import StorageModel
import StoreRecords

/// One cluster of three nodes, one device each, and a replica-3 arbiter volume with a brick on every device.
///
/// Every ID comes from a seeded generator, so the same seed builds the same cluster.
struct SampleCluster {
    var generator: SeededGenerator
    let cluster: Cluster
    let nodes: [Node]
    let devices: [Device]
    let volume: Volume
    let bricks: [Brick]

    static let deviceSize = ByteCount.gibibytes(100)
    static let brickReserve = ByteCount.gibibytes(11)

    init(seed: UInt64 = 1) {
        var generator = SeededGenerator(seed: seed)
        let cluster = Cluster(id: .random(using: &generator), allowsFileVolumes: true, allowsBlockVolumes: false)
        let nodes = (0..<3).map { index in
            Node(
                id: .random(using: &generator), cluster: cluster.id, zone: index + 1,
                manageHostname: "manage\(index).example", storageHostname: "10.0.0.\(index + 1)",
                tags: ["rack": "r\(index)"], state: index == 2 ? .offline : .online)
        }
        let devices = nodes.map { node in
            Device(
                id: .random(using: &generator), node: node.id, name: "/dev/vdb", tags: ["disk": "ssd"],
                total: Self.deviceSize)
        }
        let volumeID = VolumeID.random(using: &generator)
        let bricks = devices.enumerated().map { index, device in
            let id = BrickID.random(using: &generator)
            return Brick(
                id: id, volume: volumeID, device: device.id, node: device.node, role: index == 2 ? .arbiter : .data,
                size: .gibibytes(10), reserved: Self.brickReserve, path: "/var/lib/brickyard/brick_\(id)/brick")
        }
        self.volume = Volume(
            id: volumeID, name: "vol1", cluster: cluster.id, size: .gibibytes(10), durability: .arbiter,
            snapshot: SnapshotSettings(unchecked: true, factor: 1.5), gid: 2000,
            options: [VolumeOption(key: "performance.read-ahead", value: "off")], brickSets: [bricks.map(\.id)])
        self.cluster = cluster
        self.nodes = nodes
        self.devices = devices
        self.bricks = bricks
        self.generator = generator
    }

    /// The cluster, its nodes and devices, parents first.
    var infrastructure: [StoreChange] {
        [.insertCluster(self.cluster)] + self.nodes.map { .insertNode($0) } + self.devices.map { .insertDevice($0) }
    }

    /// The volume and its bricks, optionally marked by `pending`.
    func volumeChanges(pending: OperationID? = nil) -> [StoreChange] {
        [.insertVolume(self.volume, pending: pending)] + self.bricks.map { .insertBrick($0, pending: pending) }
    }

    /// What the store should return after `infrastructure` and `volumeChanges()`.
    var expectedTopology: Topology {
        var topology = Topology()
        topology.insert(self.cluster)
        self.nodes.forEach { topology.insert($0) }
        self.devices.forEach { topology.insert($0) }
        topology.insert(self.volume)
        self.bricks.forEach { topology.insert($0) }
        return topology
    }

    /// A one-brick distribute volume named `name` on `device`.
    mutating func extraVolume(named name: String, on device: Device, reserved: ByteCount = .gibibytes(1))
        -> (volume: Volume, brick: Brick)
    {
        let volumeID = VolumeID.random(using: &self.generator)
        let brick = Brick(
            id: .random(using: &self.generator), volume: volumeID, device: device.id, node: device.node,
            size: reserved, reserved: reserved, path: "/bricks/\(name)")
        let volume = Volume(
            id: volumeID, name: name, cluster: self.cluster.id, size: reserved, durability: .distribute,
            brickSets: [[brick.id]])
        return (volume, brick)
    }

    mutating func operationID() -> OperationID {
        .random(using: &self.generator)
    }
}
