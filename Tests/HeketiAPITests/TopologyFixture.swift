import StorageModel

/// A small hand-built topology: cluster c1 with three nodes in three zones holding a replica 3, an arbiter
/// and a disperse 2+1 volume; cluster c2 with one node holding a distribute volume.
enum TopologyFixture {
    static let c1 = ClusterID(high: 0, low: 0xc1)
    static let c2 = ClusterID(high: 0, low: 0xc2)
    static let n1 = NodeID(high: 0, low: 0xa1)
    static let n2 = NodeID(high: 0, low: 0xa2)
    static let n3 = NodeID(high: 0, low: 0xa3)
    static let n4 = NodeID(high: 0, low: 0xa4)
    /// n1 carries two devices; d12 has failed and holds nothing.
    static let d11 = DeviceID(high: 0, low: 0xd11)
    static let d12 = DeviceID(high: 0, low: 0xd12)
    static let d21 = DeviceID(high: 0, low: 0xd21)
    static let d31 = DeviceID(high: 0, low: 0xd31)
    static let d41 = DeviceID(high: 0, low: 0xd41)
    static let replica3 = VolumeID(high: 0, low: 0xe1)
    static let arbiter = VolumeID(high: 0, low: 0xe2)
    static let disperse = VolumeID(high: 0, low: 0xe3)
    static let distribute = VolumeID(high: 0, low: 0xe4)

    static func brickID(_ low: UInt64) -> BrickID { BrickID(high: 0, low: low) }

    static let topology: Topology = {
        var topology = Topology()
        topology.insert(Cluster(id: c1))
        topology.insert(Cluster(id: c2, allowsBlockVolumes: false))
        for (id, cluster, zone, number) in [(n1, c1, 1, 1), (n2, c1, 2, 2), (n3, c1, 3, 3), (n4, c2, 1, 4)] {
            topology.insert(
                Node(
                    id: id, cluster: cluster, zone: zone, manageHostname: "node\(number).mgmt",
                    storageHostname: "10.0.0.\(number)", tags: id == n1 ? ["rack": "r1"] : [:],
                    state: id == n3 ? .offline : .online))
        }
        // 512 bytes beyond 100 GiB: Heketi's KiB figures must round them away.
        topology.insert(
            Device(id: d11, node: n1, name: "/dev/sdb", tags: ["disk": "ssd"], total: .gibibytes(100) + ByteCount(bytes: 512)))
        topology.insert(Device(id: d12, node: n1, name: "/dev/sdc", state: .failed, total: .gibibytes(50)))
        topology.insert(Device(id: d21, node: n2, name: "/dev/sdb", total: .gibibytes(100)))
        topology.insert(Device(id: d31, node: n3, name: "/dev/sdb", total: .gibibytes(100)))
        topology.insert(Device(id: d41, node: n4, name: "/dev/vdb", total: .gibibytes(20)))

        func brick(_ low: UInt64, _ volume: VolumeID, _ device: DeviceID, _ node: NodeID, size: ByteCount,
                   reserved: ByteCount, role: Brick.Role = .data) -> BrickID {
            let id = brickID(low)
            topology.insert(
                Brick(id: id, volume: volume, device: device, node: node, role: role, size: size, reserved: reserved,
                      path: "/bricks/\(String(low, radix: 16))/brick"))
            return id
        }
        let tenGiB = (size: ByteCount.gibibytes(10), reserved: ByteCount.gibibytes(10) + .mebibytes(64))
        let replicaSet = [
            brick(0xb11, replica3, d11, n1, size: tenGiB.size, reserved: tenGiB.reserved),
            brick(0xb12, replica3, d21, n2, size: tenGiB.size, reserved: tenGiB.reserved),
            brick(0xb13, replica3, d31, n3, size: tenGiB.size, reserved: tenGiB.reserved),
        ]
        // Set order differs from id order on purpose: the set starts on n3 and the arbiter (on n2) is last.
        let arbiterSet = [
            brick(0xb23, arbiter, d31, n3, size: .gibibytes(5), reserved: .gibibytes(5) + .mebibytes(32)),
            brick(0xb21, arbiter, d11, n1, size: .gibibytes(5), reserved: .gibibytes(5) + .mebibytes(32)),
            brick(0xb22, arbiter, d21, n2, size: .mebibytes(16) + ByteCount(bytes: 100), reserved: .mebibytes(20), role: .arbiter),
        ]
        let disperseSet = [
            brick(0xb31, disperse, d11, n1, size: .gibibytes(4), reserved: .gibibytes(6) + .mebibytes(32)),
            brick(0xb32, disperse, d21, n2, size: .gibibytes(4), reserved: .gibibytes(6) + .mebibytes(32)),
            brick(0xb33, disperse, d31, n3, size: .gibibytes(4), reserved: .gibibytes(6) + .mebibytes(32)),
        ]
        let distributeSet = [brick(0xb41, distribute, d41, n4, size: .gibibytes(3), reserved: .gibibytes(3) + .mebibytes(16))]

        topology.insert(
            Volume(id: replica3, name: "vol_replica", cluster: c1, size: .gibibytes(10), durability: .replicate(3),
                   brickSets: [replicaSet]))
        topology.insert(
            Volume(id: arbiter, name: "vol_arbiter", cluster: c1, size: .gibibytes(5), durability: .arbiter,
                   options: [VolumeOption(key: "performance.read-ahead", value: "off")], brickSets: [arbiterSet]))
        topology.insert(
            Volume(id: disperse, name: "vol_disperse", cluster: c1, size: .gibibytes(8),
                   durability: .disperse(data: 2, redundancy: 1), snapshot: SnapshotSettings(unchecked: true, factor: 1.5),
                   gid: 2000, brickSets: [disperseSet]))
        // One MiB beyond 3 GiB: the GiB figure rounds it away.
        topology.insert(
            Volume(id: distribute, name: "vol_plain", cluster: c2, size: .gibibytes(3) + .mebibytes(1),
                   durability: .distribute, brickSets: [distributeSet]))
        return topology
    }()
}
