import Allocation
import StorageModel
import Testing

@Suite struct AllocatorTests {
    let allocator = Allocator()

    /// Three zones of two nodes, each with two 100 GiB devices.
    func threeZones() -> ClusterFixture {
        var fixture = ClusterFixture()
        for zone in 1...3 {
            for _ in 0..<2 { fixture.addNode(zone: zone, devicesGiB: [100, 100]) }
        }
        return fixture
    }

    @Test(arguments: [Durability.distribute, .replicate(2), .replicate(3), .arbiter])
    func setsSpanDistinctNodesDevicesAndZones(durability: Durability) throws {
        let fixture = self.threeZones()
        let placement = try self.allocator.place(
            PlacementRequest(size: .gibibytes(10), durability: durability), in: fixture.topology)
        #expect(placement.cluster == fixture.cluster)
        for set in placement.sets {
            #expect(set.count == durability.setSize)
            #expect(Set(set.map(\.node)).count == set.count)
            #expect(Set(set.map(\.device)).count == set.count)
            #expect(Set(set.map(\.zone)).count == set.count)
        }
    }

    @Test func disperseUsesAsManyNodesAsTheSetHas() throws {
        var fixture = ClusterFixture()
        for node in 0..<6 { fixture.addNode(zone: node % 3 + 1, devicesGiB: [100]) }
        let placement = try self.allocator.place(
            PlacementRequest(size: .gibibytes(8), durability: .disperse(data: 4, redundancy: 2)), in: fixture.topology)
        #expect(placement.sets.count == 1)
        #expect(Set(placement.sets[0].map(\.node)).count == 6)
        #expect(placement.brickSize == .gibibytes(2))
    }

    @Test func tooFewNodesForASetIsRefusedWithNumbers() {
        var fixture = ClusterFixture()
        fixture.addNode(zone: 1, devicesGiB: [1000, 1000, 1000])
        fixture.addNode(zone: 2, devicesGiB: [1000])
        #expect(throws: AllocationError.notEnoughNodes(setSize: 3, available: 2)) {
            try self.allocator.place(PlacementRequest(size: .gibibytes(1), durability: .replicate(3)), in: fixture.topology)
        }
    }

    @Test func preferredZonesFallBackToDistinctNodes() throws {
        var fixture = ClusterFixture()
        for _ in 0..<3 { fixture.addNode(zone: 1, devicesGiB: [100]) }
        let placement = try self.allocator.place(
            PlacementRequest(size: .gibibytes(5), durability: .replicate(3)), in: fixture.topology)
        #expect(Set(placement.sets[0].map(\.node)).count == 3)
    }

    @Test func strictZonesRefuseToCoLocate() {
        var fixture = ClusterFixture()
        fixture.addNode(zone: 1, devicesGiB: [100])
        fixture.addNode(zone: 1, devicesGiB: [100])
        fixture.addNode(zone: 2, devicesGiB: [100])
        let request = PlacementRequest(size: .gibibytes(5), durability: .replicate(3), zoneChecking: .strict)
        #expect(throws: AllocationError.notEnoughZones(setSize: 3, available: 2)) {
            try self.allocator.place(request, in: fixture.topology)
        }
    }

    @Test func strictZonesFailWhenTheOnlyFreeZoneIsFull() throws {
        var fixture = ClusterFixture()
        fixture.addNode(zone: 1, devicesGiB: [100])
        fixture.addNode(zone: 2, devicesGiB: [100])
        fixture.addNode(zone: 2, devicesGiB: [100])
        fixture.addNode(zone: 3, devicesGiB: [5])
        let strict = PlacementRequest(size: .gibibytes(20), durability: .replicate(3), zoneChecking: .strict)
        #expect(throws: AllocationError.self) { try self.allocator.place(strict, in: fixture.topology) }
        // Without strict checking, zone 2 holds two members on distinct nodes.
        let relaxed = try self.allocator.place(
            PlacementRequest(size: .gibibytes(20), durability: .replicate(3)), in: fixture.topology)
        #expect(relaxed.sets[0].map(\.zone).sorted() == [1, 2, 2])
    }

    @Test func tagRulesFilterOnMergedNodeAndDeviceTags() throws {
        var fixture = ClusterFixture()
        let ssdNode = fixture.addNode(zone: 1, devicesGiB: [100, 100], tags: ["disk": "ssd"], deviceTags: [[:], ["disk": "hdd"]])
        fixture.addNode(zone: 2, devicesGiB: [100], tags: ["disk": "hdd"])
        let request = PlacementRequest(size: .gibibytes(5), durability: .distribute, tagRules: [try TagRule(parsing: "disk=ssd")])
        for seed in 0..<10 as Range<UInt64> {
            var policy = AllocationPolicy()
            policy.seed = seed
            let placement = try Allocator(policy: policy).place(request, in: fixture.topology)
            let device = placement.sets[0][0].device
            #expect(placement.sets[0][0].node == ssdNode)
            // The device's own hdd tag overrides the node's ssd tag.
            #expect(fixture.topology.devices[device]?.tags.isEmpty == true)
        }
        let excluded = PlacementRequest(size: .gibibytes(5), durability: .replicate(2), tagRules: [try TagRule(parsing: "disk!=hdd")])
        #expect(throws: AllocationError.notEnoughNodes(setSize: 2, available: 1)) {
            try self.allocator.place(excluded, in: fixture.topology)
        }
    }

    @Test func arbiterBricksGoToArbiterDevicesAndDataAvoidsThem() throws {
        var fixture = ClusterFixture()
        fixture.addNode(zone: 1, devicesGiB: [100], tags: ["arbiter": "disabled"])
        fixture.addNode(zone: 2, devicesGiB: [100], tags: ["arbiter": "disabled"])
        let arbiterNode = fixture.addNode(zone: 3, devicesGiB: [10], tags: ["arbiter": "required"])
        let placement = try self.allocator.place(PlacementRequest(size: .gibibytes(20), durability: .arbiter), in: fixture.topology)
        let set = placement.sets[0]
        #expect(set.map(\.role) == [.data, .data, .arbiter])
        #expect(set[2].node == arbiterNode)
        #expect(set[2].space.size == .mebibytes(320))
        #expect(set[0].space.size == .gibibytes(20))
        // A replica-3 volume cannot use the arbiter-only node, so it has too few nodes.
        #expect(throws: AllocationError.notEnoughNodes(setSize: 3, available: 2)) {
            try self.allocator.place(PlacementRequest(size: .gibibytes(1), durability: .replicate(3)), in: fixture.topology)
        }
    }

    @Test func arbiterNeedsADeviceThatAllowsIt() {
        var fixture = ClusterFixture()
        for zone in 1...3 { fixture.addNode(zone: zone, devicesGiB: [100], tags: ["arbiter": "disabled"]) }
        #expect(throws: AllocationError.noArbiterDevice) {
            try self.allocator.place(PlacementRequest(size: .gibibytes(1), durability: .arbiter), in: fixture.topology)
        }
    }

    @Test func offlineAndFailedObjectsTakeNoBricks() throws {
        var fixture = ClusterFixture()
        let online = fixture.addNode(zone: 1, devicesGiB: [100])
        fixture.addNode(zone: 2, devicesGiB: [1000], state: .offline)
        fixture.addNode(zone: 3, devicesGiB: [1000], deviceState: .failed)
        for seed in 0..<5 as Range<UInt64> {
            var policy = AllocationPolicy()
            policy.seed = seed
            let placement = try Allocator(policy: policy).place(
                PlacementRequest(size: .gibibytes(5), durability: .distribute), in: fixture.topology)
            #expect(placement.sets[0][0].node == online)
        }
    }

    @Test func fragmentedSpaceSplitsTheVolume() throws {
        var fixture = ClusterFixture()
        for zone in 1...3 { fixture.addNode(zone: zone, devicesGiB: [30, 30, 30, 30]) }
        // 100 GiB fits nowhere whole, nor as 2 x 50; 4 sets of 25 GiB fit one per device.
        let placement = try self.allocator.place(PlacementRequest(size: .gibibytes(100), durability: .replicate(3)), in: fixture.topology)
        #expect(placement.sets.count == 4)
        #expect(placement.brickSize == .gibibytes(25))
        #expect(Set(placement.bricks.map(\.device)).count == 12)
    }

    @Test func noSpaceSaysWhatWasTried() throws {
        var fixture = ClusterFixture()
        for zone in 1...3 { fixture.addNode(zone: zone, devicesGiB: [2]) }
        do {
            _ = try self.allocator.place(PlacementRequest(size: .gibibytes(10), durability: .replicate(3)), in: fixture.topology)
            Issue.record("placement should fail")
        } catch {
            guard case .noSpace(let facts) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(facts.requested == .gibibytes(10))
            #expect(facts.brickSize == .gibibytes(1))
            #expect(facts.sets == 10)
            #expect(facts.setsPlaced == 1)
            #expect(facts.largestFree == .gibibytes(2))
            #expect(facts.eligibleDevices == 3)
            #expect(error.description.hasPrefix("only 1 of 10 sets of 3 bricks of 1 GiB fit for 10 GiB (each brick reserves "))
            // The REST edge says "No space" first; this must not say it again, nor name LVM's thin pools, which
            // directory devices do not have.
            #expect(!error.description.lowercased().contains("no space"))
            #expect(!error.description.contains("thin pool"))
        }
    }

    @Test func aDeviceFitsOnlyWithMoreFreeThanNeeded() throws {
        var fixture = ClusterFixture()
        fixture.addNode(zone: 1, devicesGiB: [1])
        // 1 GiB brick needs 1 GiB + 8 MiB of metadata: never fits on a 1 GiB device.
        #expect(throws: AllocationError.self) {
            try self.allocator.place(PlacementRequest(size: .gibibytes(1), durability: .distribute), in: fixture.topology)
        }
    }

    @Test func fillsTheEmptiestDevicesFirst() throws {
        var fixture = ClusterFixture()
        let big = fixture.addNode(zone: 1, devicesGiB: [1000])
        fixture.addNode(zone: 1, devicesGiB: [200])
        let placement = try self.allocator.place(PlacementRequest(size: .gibibytes(10), durability: .distribute), in: fixture.topology)
        #expect(placement.sets[0][0].node == big)
    }

    @Test func tightDevicesAreFilledBeforeRoomyOnesAreBrokenInto() throws {
        var fixture = ClusterFixture()
        let tight = fixture.addNode(zone: 1, devicesGiB: [100])
        fixture.addNode(zone: 1, devicesGiB: [100])
        var topology = fixture.topology
        // Use 85 GiB of the first node's device: it is now below the packing threshold.
        let device = topology.devices(on: tight)[0]
        var generator = SeededGenerator(seed: 77)
        topology.insert(
            Brick(
                id: .random(using: &generator), volume: .random(using: &generator), device: device.id, node: tight,
                size: .gibibytes(85), reserved: .gibibytes(85), path: "/x"))
        let placement = try self.allocator.place(PlacementRequest(size: .gibibytes(5), durability: .distribute), in: topology)
        #expect(placement.sets[0][0].node == tight)
    }

    @Test func expansionAddsSetsWithTheSameShape() throws {
        var fixture = self.threeZones()
        let first = try self.allocator.place(PlacementRequest(size: .gibibytes(10), durability: .replicate(3)), in: fixture.topology)
        let volume = fixture.record(first, durability: .replicate(3))
        let cluster = fixture.topology.volumes[volume]!.cluster
        let expansion = try self.allocator.place(
            PlacementRequest(size: .gibibytes(20), durability: .replicate(3), clusters: [cluster]), in: fixture.topology)
        #expect(expansion.cluster == cluster)
        #expect(expansion.sets.allSatisfy { Set($0.map(\.zone)).count == 3 })
    }

    @Test func replaceKeepsTheSetOnDistinctNodes() throws {
        var fixture = ClusterFixture()
        for zone in 1...3 { fixture.addNode(zone: zone, devicesGiB: [100, 100]) }
        fixture.addNode(zone: 3, devicesGiB: [100])
        let placement = try self.allocator.place(PlacementRequest(size: .gibibytes(10), durability: .replicate(3)), in: fixture.topology)
        let volumeID = fixture.record(placement, durability: .replicate(3))
        let set = fixture.topology.volumes[volumeID]!.brickSets[0]
        let old = fixture.topology.bricks[set[0]]!
        let replacement = try self.allocator.replace(old.id, in: fixture.topology)
        let others = set.dropFirst().map { fixture.topology.bricks[$0]!.node }
        #expect(replacement.device != old.device)
        #expect(!others.contains(replacement.node))
        #expect(replacement.space.size == old.size)
        #expect(replacement.zone == fixture.zone(of: old.node))
        #expect(throws: AllocationError.unknownBrick(BrickID(high: 1, low: 1))) {
            try self.allocator.replace(BrickID(high: 1, low: 1), in: fixture.topology)
        }
    }

    @Test func clustersWithMoreFreeSpaceAreTriedFirst() throws {
        var fixture = ClusterFixture()
        fixture.addNode(zone: 1, devicesGiB: [10])
        let roomy = fixture.addCluster()
        fixture.addNode(zone: 1, devicesGiB: [500], cluster: roomy)
        let placement = try self.allocator.place(PlacementRequest(size: .gibibytes(5), durability: .distribute), in: fixture.topology)
        #expect(placement.cluster == roomy)
        let pinned = try self.allocator.place(
            PlacementRequest(size: .gibibytes(5), durability: .distribute, clusters: [fixture.cluster]), in: fixture.topology)
        #expect(pinned.cluster == fixture.cluster)
        #expect(throws: AllocationError.noCluster(requested: [ClusterID(high: 9, low: 9)])) {
            try self.allocator.place(
                PlacementRequest(size: .gibibytes(5), durability: .distribute, clusters: [ClusterID(high: 9, low: 9)]),
                in: fixture.topology)
        }
    }

    @Test func volumeLimitPerCluster() throws {
        var fixture = self.threeZones()
        var policy = AllocationPolicy()
        policy.maximumVolumesPerCluster = 1
        let allocator = Allocator(policy: policy)
        let placement = try allocator.place(PlacementRequest(size: .gibibytes(1), durability: .distribute), in: fixture.topology)
        _ = fixture.record(placement, durability: .distribute)
        #expect(throws: AllocationError.volumeLimitReached(limit: 1)) {
            try allocator.place(PlacementRequest(size: .gibibytes(1), durability: .distribute), in: fixture.topology)
        }
    }

    @Test func sameSeedSamePlacementAndSeedsSpreadTies() throws {
        let fixture = self.threeZones()
        let request = PlacementRequest(size: .gibibytes(10), durability: .replicate(3))
        var placements: Set<Placement> = []
        for seed in 0..<20 as Range<UInt64> {
            var policy = AllocationPolicy()
            policy.seed = seed
            let first = try Allocator(policy: policy).place(request, in: fixture.topology)
            let second = try Allocator(policy: policy).place(request, in: fixture.topology)
            #expect(first == second)
            placements.insert(first)
        }
        #expect(placements.count > 1)
    }
}
