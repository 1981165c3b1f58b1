internal import Allocation
internal import StorageModel

/// `brickyard simulate`: places volumes on a made-up cluster and shows where every brick went, for
/// trying placement rules and capacity plans without touching a server.
struct SimulateCommand {
    static let help = """
        usage: brickyard simulate [--nodes N] [--zones Z] [--devices-per-node D] [--device-size GiB]
                                  [--volume-size GiB] [--durability none|replicate|arbiter|disperse]
                                  [--replica N] [--disperse-data D] [--redundancy R] [--count N] [--seed S]
                                  [--zone-checking none|strict]

        Places --count volumes (default: until the cluster is full) on a synthetic cluster and prints one
        line per volume with its bricks' zone, node and device, then a summary.

        example: brickyard simulate --nodes 6 --zones 3 --device-size 100 --volume-size 20 --count 5
        """

    var nodes: Int
    var zones: Int
    var devicesPerNode: Int
    var deviceSize: ByteCount
    var volumeSize: ByteCount
    var durability: Durability
    var count: Int?
    var seed: UInt64
    var zoneChecking: ZoneChecking

    init(arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments)
        self.nodes = try list.integer("nodes", default: 6, range: 1...100_000)
        self.zones = try list.integer("zones", default: 3, range: 1...1_000)
        self.devicesPerNode = try list.integer("devices-per-node", default: 2, range: 1...256)
        self.deviceSize = .gibibytes(Int64(try list.integer("device-size", default: 500, range: 1...1_048_576)))
        self.volumeSize = .gibibytes(Int64(try list.integer("volume-size", default: 10, range: 1...1_048_576)))
        let type = try list.choice("durability", default: "replicate", from: ["none", "replicate", "arbiter", "disperse"])
        let replica = try list.integer("replica", default: 3, range: 0...100)
        let data = try list.integer("disperse-data", default: 4, range: 0...100)
        let redundancy = try list.integer("redundancy", default: 2, range: 0...100)
        do {
            switch type {
            case "none": self.durability = .distribute
            case "arbiter": self.durability = .arbiter
            case "disperse": self.durability = try .disperse(validatingData: data, redundancy: redundancy)
            default: self.durability = try .replicate(validating: replica)
            }
        } catch {
            throw UsageError(error.description)
        }
        let count = try list.integer("count", default: 0, range: 0...1_000_000)
        self.count = count == 0 ? nil : count
        self.seed = UInt64(try list.integer("seed", default: 1, range: 0...Int.max))
        self.zoneChecking = try list.choice("zone-checking", default: "none", from: ["none", "strict"]) == "strict"
            ? .strict : .preferred
        try list.finish()
    }

    /// Runs the simulation; each output line is handed to `emit` as soon as it is known.
    func run(emit: (String) -> Void) {
        let (topology, cluster) = SyntheticTopology(
            nodes: self.nodes, zones: self.zones, devicesPerNode: self.devicesPerNode, deviceSizes: [self.deviceSize],
            seed: self.seed
        ).build()
        var names: [NodeID: String] = [:]
        for node in topology.nodes.values { names[node.id] = node.manageHostname }
        var capacity = ClusterCapacity(cluster: cluster, in: topology)
        var policy = AllocationPolicy()
        policy.seed = self.seed
        policy.zoneChecking = self.zoneChecking
        let allocator = Allocator(policy: policy)
        let request = PlacementRequest(size: self.volumeSize, durability: self.durability)
        var placed = 0
        var failure: String?
        while self.count.map({ placed < $0 }) ?? true {
            let placement: Placement
            do throws(AllocationError) {
                placement = try allocator.place(request, in: capacity)
            } catch {
                if case .noSpace = error { failure = "no space: \(error)" } else { failure = error.description }
                break
            }
            capacity.record(placement)
            placed += 1
            let sets = placement.sets.map { set in
                set.map { "z\($0.zone)/\(names[$0.node] ?? "?"):\(topology.devices[$0.device]?.name ?? "?")" }
                    .joined(separator: " ")
            }
            emit(
                "volume=\(placed) size=\"\(self.volumeSize)\" durability=\"\(self.durability)\" sets=\(placement.sets.count) "
                    + "brick=\"\(placement.brickSize)\" bricks=[\(sets.joined(separator: " | "))]")
        }
        let total = Double(capacity.totalSpace.bytes)
        let used = (total - Double(capacity.freeSpace.bytes)) / total * 100
        var summary = "placed=\(placed) allocated=\((used * 100).rounded() / 100)% free=\"\(capacity.freeSpace)\""
        if let failure { summary += " stopped=\"\(failure)\"" }
        emit(summary)
    }
}
