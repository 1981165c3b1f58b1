import Allocation
import StorageModel

/// Measures the allocator: throughput and growth with cluster size, packing until the first failure, and
/// how evenly devices fill.
struct AllocatorBenchmark {
    var quick: Bool
    var policy = AllocationPolicy()

    func run() {
        self.throughput()
        for nodes in self.quick ? [100, 1_000] : [100, 1_000, 5_000] { self.median(nodes: nodes) }
        self.packing()
        self.balance()
    }

    /// Placements per second of 10 GiB replica-3 volumes on 1,000 nodes x 24 devices in 3 zones, against a
    /// capacity view kept up to date (the server's path), and including building the view from a snapshot.
    func throughput() {
        let (topology, cluster) = SyntheticTopology(
            nodes: 1_000, zones: 3, devicesPerNode: 24, deviceSizes: [.tebibytes(4)], seed: 7
        ).build()
        var capacity = ClusterCapacity(cluster: cluster, in: topology)
        var allocator = Allocator()
        let request = PlacementRequest(size: .gibibytes(10), durability: .replicate(3))
        let count = self.quick ? 2_000 : 10_000
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for index in 0..<count {
                allocator.policy.seed = UInt64(index)
                guard let placement = try? allocator.place(request, in: capacity) else { fatalError("full") }
                capacity.record(placement)
            }
        }
        let snapshotCount = self.quick ? 20 : 100
        let withSnapshot = clock.measure {
            for _ in 0..<snapshotCount { _ = try? allocator.place(request, in: topology) }
        }
        var line = JSONLine(scenario: "allocator.throughput")
        line.add("nodes", 1_000)
        line.add("devices", 24_000)
        line.add("placements", count)
        line.add("placementsPerSecond", Double(count) / elapsed.seconds, digits: 0)
        line.add("placementsPerSecondFromSnapshot", Double(snapshotCount) / withSnapshot.seconds, digits: 1)
        line.print()
    }

    /// Median time of one placement at a given cluster size; the ratio between sizes shows the growth.
    func median(nodes: Int) {
        let (topology, cluster) = SyntheticTopology(
            nodes: nodes, zones: 3, devicesPerNode: 24, deviceSizes: [.tebibytes(4)], seed: 11
        ).build()
        var capacity = ClusterCapacity(cluster: cluster, in: topology)
        var allocator = Allocator()
        let request = PlacementRequest(size: .gibibytes(10), durability: .replicate(3))
        let clock = ContinuousClock()
        var samples: [Double] = []
        let count = self.quick ? 101 : 501
        for index in 0..<count {
            allocator.policy.seed = UInt64(index)
            var placement: Placement?
            let elapsed = clock.measure { placement = try? allocator.place(request, in: capacity) }
            guard let placement else { fatalError("full") }
            capacity.record(placement)
            samples.append(elapsed.seconds)
        }
        samples.sort()
        var line = JSONLine(scenario: "allocator.median")
        line.add("nodes", nodes)
        line.add("devices", nodes * 24)
        line.add("medianMicroseconds", samples[samples.count / 2] * 1e6, digits: 1)
        line.add("p99Microseconds", samples[samples.count * 99 / 100] * 1e6, digits: 1)
        line.add("nanosecondsPerDevice", samples[samples.count / 2] * 1e9 / Double(nodes * 24), digits: 2)
        line.print()
    }

    /// 30 nodes x 4 devices x 500 GiB in 3 zones; replica-3 volumes of seeded random sizes until the first
    /// one that cannot be placed.
    func packing() {
        let seeds: [UInt64] = self.quick ? [1, 2, 3] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        var allocatedFractions: [Double] = []
        var dataFractions: [Double] = []
        var volumes = 0
        for seed in seeds {
            let result = PackingRun(seed: seed, policy: self.policy).run()
            allocatedFractions.append(result.allocated)
            dataFractions.append(result.data)
            volumes += result.volumes
        }
        var line = JSONLine(scenario: "allocator.packing")
        line.add("runs", seeds.count)
        line.add("devicePackingThreshold", self.policy.devicePackingThreshold)
        line.add("nodePackingThreshold", self.policy.nodePackingThreshold)
        line.add("meanVolumes", Double(volumes) / Double(seeds.count), digits: 1)
        line.add("allocatedFraction", allocatedFractions.reduce(0, +) / Double(seeds.count))
        line.add("minAllocatedFraction", allocatedFractions.min() ?? 0)
        line.add("dataFraction", dataFractions.reduce(0, +) / Double(seeds.count))
        line.print()
    }

    /// Coefficient of variation of device utilisation when the packing workload reaches 50 % fill.
    func balance() {
        let result = PackingRun(seed: 1, policy: self.policy, stopAtFill: 0.5).run()
        var line = JSONLine(scenario: "allocator.balance")
        line.add("fill", result.allocated)
        line.add("utilisationCV", result.utilisationCV)
        line.print()
    }
}

/// One run of the packing workload.
struct PackingRun {
    var seed: UInt64
    var policy: AllocationPolicy
    var stopAtFill = 1.0

    struct Result {
        var allocated: Double
        var data: Double
        var volumes: Int
        var utilisationCV: Double
    }

    func run() -> Result {
        let (topology, cluster) = SyntheticTopology(
            nodes: 30, zones: 3, devicesPerNode: 4, deviceSizes: [.gibibytes(500)], seed: self.seed
        ).build()
        var capacity = ClusterCapacity(cluster: cluster, in: topology)
        let total = Double(capacity.totalSpace.bytes)
        var allocator = Allocator(policy: self.policy)
        allocator.policy.seed = self.seed
        var generator = SeededGenerator(seed: self.seed)
        let sizes: [Int64] = [1, 2, 5, 10, 20, 50, 100]
        var dataBytes: Int64 = 0
        var volumes = 0
        while Double(total - Double(capacity.freeSpace.bytes)) / total < self.stopAtFill {
            let size = ByteCount.gibibytes(sizes[Int(generator.next() % UInt64(sizes.count))])
            guard let placement = try? allocator.place(
                PlacementRequest(size: size, durability: .replicate(3)), in: capacity)
            else { break }
            capacity.record(placement)
            dataBytes += placement.bricks.reduce(0) { $0 + $1.space.size.bytes }
            volumes += 1
        }
        let utilisation = capacity.devices.map { 1 - Double($0.free.bytes) / Double($0.total.bytes) }
        let mean = utilisation.reduce(0, +) / Double(utilisation.count)
        let variance = utilisation.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(utilisation.count)
        return Result(
            allocated: (total - Double(capacity.freeSpace.bytes)) / total, data: Double(dataBytes) / total,
            volumes: volumes, utilisationCV: variance.squareRoot() / mean)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
