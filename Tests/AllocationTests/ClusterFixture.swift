import Allocation
import StorageModel

/// Builds small clusters by hand for placement cases.
struct ClusterFixture {
    var topology = Topology()
    let cluster: ClusterID
    private var generator: SeededGenerator

    init(seed: UInt64 = 1) {
        self.generator = SeededGenerator(seed: seed)
        self.cluster = ClusterID.random(using: &self.generator)
        self.topology.insert(Cluster(id: self.cluster))
    }

    /// Adds a node with one device per size given in GiB.
    @discardableResult
    mutating func addNode(
        zone: Int, devicesGiB: [Int64], tags: Tags = [:], deviceTags: [Tags] = [], state: OperationalState = .online,
        deviceState: OperationalState = .online, cluster: ClusterID? = nil
    ) -> NodeID {
        let id = NodeID.random(using: &self.generator)
        let index = self.topology.nodes.count
        self.topology.insert(
            Node(
                id: id, cluster: cluster ?? self.cluster, zone: zone, manageHostname: "n\(index)",
                storageHostname: "n\(index)", tags: tags, state: state))
        for (slot, size) in devicesGiB.enumerated() {
            self.topology.insert(
                Device(
                    id: .random(using: &self.generator), node: id, name: "/dev/vd\(slot)",
                    tags: slot < deviceTags.count ? deviceTags[slot] : [:], state: deviceState, total: .gibibytes(size)))
        }
        return id
    }

    mutating func addCluster() -> ClusterID {
        let id = ClusterID.random(using: &self.generator)
        self.topology.insert(Cluster(id: id))
        return id
    }

    /// Records a placement as a volume with bricks, the way the store would.
    mutating func record(_ placement: Placement, durability: Durability, snapshot: SnapshotSettings = .disabled) -> VolumeID {
        let volumeID = VolumeID.random(using: &self.generator)
        var sets: [[BrickID]] = []
        for set in placement.sets {
            var ids: [BrickID] = []
            for planned in set {
                let brick = Brick(
                    id: .random(using: &self.generator), volume: volumeID, device: planned.device, node: planned.node,
                    role: planned.role, size: planned.space.size, reserved: planned.space.reserved, path: "/b")
                self.topology.insert(brick)
                ids.append(brick.id)
            }
            sets.append(ids)
        }
        let size = placement.brickSize * Int64(placement.sets.count * durability.dataFragments)
        self.topology.insert(
            Volume(
                id: volumeID, name: "v\(self.topology.volumes.count)", cluster: placement.cluster, size: size,
                durability: durability, snapshot: snapshot, brickSets: sets))
        return volumeID
    }

    func zone(of node: NodeID) -> Int { self.topology.nodes[node]!.zone }
}
