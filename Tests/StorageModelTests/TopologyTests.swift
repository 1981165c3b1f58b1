import StorageModel
import Testing

@Suite struct TopologyTests {
    @Test func bricksKeepDeviceUsageInStep() throws {
        var (topology, cluster) = SyntheticTopology(
            nodes: 2, zones: 1, devicesPerNode: 2, deviceSizes: [.gibibytes(100)], seed: 5
        ).build()
        let node = topology.nodes(in: cluster)[0]
        let device = topology.devices(on: node.id)[0]
        var generator = SeededGenerator(seed: 9)
        let volume = Volume(id: .random(using: &generator), name: "v", cluster: cluster, size: .gibibytes(1), durability: .distribute)
        topology.insert(volume)
        let brick = Brick(
            id: .random(using: &generator), volume: volume.id, device: device.id, node: node.id, size: .gibibytes(1),
            reserved: .mebibytes(1032), path: "/b")
        topology.insert(brick)
        #expect(topology.devices[device.id]?.used == .mebibytes(1032))
        #expect(topology.devices[device.id]?.free == .gibibytes(100) - .mebibytes(1032))
        #expect(topology.bricks(on: device.id).map(\.id) == [brick.id])
        // Re-inserting the same brick does not count it twice.
        topology.insert(brick)
        #expect(topology.devices[device.id]?.used == .mebibytes(1032))
        topology.removeBrick(brick.id)
        #expect(topology.devices[device.id]?.used == .zero)
        #expect(topology.bricks(on: device.id).isEmpty)
        #expect(topology.volumes(in: cluster).map(\.id) == [volume.id])
    }

    @Test func syntheticTopologiesRepeatForASeed() {
        let spec = SyntheticTopology(nodes: 6, zones: 3, devicesPerNode: 2, deviceSizes: [.gibibytes(10), .gibibytes(20)], seed: 8)
        #expect(spec.build().topology == spec.build().topology)
        let zones = spec.build().topology.nodes.values.map(\.zone)
        #expect(Set(zones) == [1, 2, 3])
        #expect(spec.build().topology.devices.count == 12)
    }

    @Test func movingANodeBetweenClustersUpdatesTheIndex() {
        var generator = SeededGenerator(seed: 1)
        var topology = Topology()
        let a = Cluster(id: .random(using: &generator))
        let b = Cluster(id: .random(using: &generator))
        topology.insert(a)
        topology.insert(b)
        var node = Node(id: .random(using: &generator), cluster: a.id, zone: 1, manageHostname: "n", storageHostname: "n")
        topology.insert(node)
        node.cluster = b.id
        topology.insert(node)
        #expect(topology.nodes(in: a.id).isEmpty)
        #expect(topology.nodes(in: b.id).map(\.id) == [node.id])
        topology.removeNode(node.id)
        #expect(topology.nodes(in: b.id).isEmpty)
    }
}
