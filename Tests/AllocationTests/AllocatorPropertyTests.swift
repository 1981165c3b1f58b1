import Allocation
import StorageModel
import Testing

/// Random topologies and random requests; invariants checked after every placement.
@Suite struct AllocatorPropertyTests {
    static let durabilities: [Durability] = [
        .distribute, .replicate(2), .replicate(3), .arbiter, .disperse(data: 2, redundancy: 1),
        .disperse(data: 4, redundancy: 2), .disperse(data: 8, redundancy: 3), .disperse(data: 8, redundancy: 4),
    ]

    @Test(arguments: 0..<60 as Range<UInt64>)
    func invariantsHoldOnRandomClusters(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed &* 7919 &+ 1)
        let nodes = Int(random.next() % 200) + 1
        let zones = Int(random.next() % 5) + 1
        let sizes: [ByteCount] = [.gibibytes(10), .gibibytes(100), .gibibytes(500), .tebibytes(2), .tebibytes(8)]
        let spec = SyntheticTopology(
            nodes: nodes, zones: zones, devicesPerNode: Int(random.next() % 4) + 1,
            deviceSizes: Array(sizes.shuffled(using: &random).prefix(Int(random.next() % 3) + 1)), seed: seed)
        var (topology, cluster) = spec.build()
        var policy = AllocationPolicy()
        policy.seed = random.next()
        policy.maximumBrickSize = [ByteCount.gibibytes(100), .tebibytes(1), .tebibytes(4)][Int(random.next() % 3)]
        let allocator = Allocator(policy: policy)
        var nextID = SeededGenerator(seed: seed ^ 0xABCDEF)

        for _ in 0..<25 {
            let durability = Self.durabilities[Int(random.next() % UInt64(Self.durabilities.count))]
            var request = PlacementRequest(
                size: .gibibytes(Int64(random.next() % 3000) + 1), durability: durability,
                snapshotFactor: random.next() % 4 == 0 ? 1.5 : 1)
            if random.next() % 3 == 0 { request.zoneChecking = .strict }
            let before = topology

            let placement: Placement
            do {
                placement = try allocator.place(request, in: topology)
            } catch {
                // A failure changes nothing and is explained.
                #expect(topology == before)
                #expect(!error.description.isEmpty)
                continue
            }
            // Same inputs, same placement; the fast path agrees with the snapshot path.
            #expect(try allocator.place(request, in: topology) == placement)
            #expect(try allocator.place(request, in: ClusterCapacity(cluster: cluster, in: topology)) == placement)
            #expect(placement.cluster == cluster)

            let brickCount = placement.sets.count * durability.setSize
            #expect(brickCount <= policy.maximumBricksPerVolume)
            #expect(placement.brickSize >= policy.minimumBrickSize)
            #expect(placement.brickSize <= policy.maximumBrickSize)
            let capacity = placement.brickSize.bytes * Int64(placement.sets.count * durability.dataFragments)
            #expect(capacity >= request.size.bytes)

            for set in placement.sets {
                #expect(set.count == durability.setSize)
                #expect(Set(set.map(\.node)).count == set.count, "set members share a node")
                #expect(Set(set.map(\.device)).count == set.count, "set members share a device")
                if request.zoneChecking == .strict {
                    #expect(Set(set.map(\.zone)).count == set.count, "strict zones violated")
                }
                for brick in set {
                    let node = topology.nodes[brick.node]!
                    let device = topology.devices[brick.device]!
                    #expect(device.node == node.id)
                    #expect(node.zone == brick.zone)
                }
            }

            // Record the bricks, as the store would, and check nothing is over-committed.
            var needByDevice: [DeviceID: Int64] = [:]
            for brick in placement.bricks { needByDevice[brick.device, default: 0] += brick.space.reserved.bytes }
            for (device, need) in needByDevice {
                #expect(topology.devices[device]!.free.bytes > need, "device over-committed")
            }
            let volume = VolumeID.random(using: &nextID)
            for brick in placement.bricks {
                topology.insert(
                    Brick(
                        id: .random(using: &nextID), volume: volume, device: brick.device, node: brick.node,
                        role: brick.role, size: brick.space.size, reserved: brick.space.reserved, path: "/b"))
            }
            #expect(topology.devices.values.allSatisfy { $0.used <= $0.total })
        }
    }

    @Test(arguments: 0..<20 as Range<UInt64>)
    func zonesAreDistinctWhenTheClusterHasEnough(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let zones = Int(random.next() % 3) + 3
        let (topology, _) = SyntheticTopology(
            nodes: zones * (Int(random.next() % 5) + 1), zones: zones, devicesPerNode: 2,
            deviceSizes: [.tebibytes(1), .tebibytes(2)], seed: seed
        ).build()
        var policy = AllocationPolicy()
        policy.seed = seed
        for durability in [Durability.replicate(2), .replicate(3), .arbiter, .disperse(data: 2, redundancy: 1)] {
            let placement = try Allocator(policy: policy).place(
                PlacementRequest(size: .gibibytes(Int64(random.next() % 500) + 1), durability: durability), in: topology)
            for set in placement.sets {
                #expect(Set(set.map(\.zone)).count == set.count)
            }
        }
    }

    @Test func differentSeedsStillRespectTheRules() throws {
        let (topology, _) = SyntheticTopology(nodes: 9, zones: 3, devicesPerNode: 3, deviceSizes: [.gibibytes(500)], seed: 4).build()
        var devicesUsed = Set<DeviceID>()
        for seed in 0..<50 as Range<UInt64> {
            var policy = AllocationPolicy()
            policy.seed = seed
            let placement = try Allocator(policy: policy).place(
                PlacementRequest(size: .gibibytes(10), durability: .replicate(3)), in: topology)
            #expect(Set(placement.sets[0].map(\.zone)).count == 3)
            devicesUsed.formUnion(placement.bricks.map(\.device))
        }
        // Ties between equally empty devices are broken differently by different seeds.
        #expect(devicesUsed.count > 9)
    }
}
