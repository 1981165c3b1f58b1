/// Builds clusters of made-up nodes and devices, for what-if simulations, benchmarks and tests.
///
/// Every ID comes from the seeded generator, so the same seed builds the same topology.
public struct SyntheticTopology: Sendable {
    public var nodes: Int
    public var zones: Int
    public var devicesPerNode: Int
    /// Device sizes to draw from, uniformly.
    public var deviceSizes: [ByteCount]
    public var seed: UInt64

    public init(nodes: Int, zones: Int, devicesPerNode: Int, deviceSizes: [ByteCount], seed: UInt64 = 1) {
        self.nodes = nodes
        self.zones = zones
        self.devicesPerNode = devicesPerNode
        self.deviceSizes = deviceSizes
        self.seed = seed
    }

    /// One cluster; node i is in zone `i % zones + 1` and reachable as `node<i>.example`.
    public func build() -> (topology: Topology, cluster: ClusterID) {
        var generator = SeededGenerator(seed: self.seed)
        var topology = Topology()
        let cluster = Cluster(id: .random(using: &generator))
        topology.insert(cluster)
        for index in 0..<self.nodes {
            let node = Node(
                id: .random(using: &generator), cluster: cluster.id, zone: index % max(self.zones, 1) + 1,
                manageHostname: "node\(index).example", storageHostname: "node\(index).example")
            topology.insert(node)
            for slot in 0..<self.devicesPerNode {
                let size = self.deviceSizes[Int(generator.next() % UInt64(self.deviceSizes.count))]
                topology.insert(Device(id: .random(using: &generator), node: node.id, name: "/dev/vd\(slot)", total: size))
            }
        }
        return (topology, cluster.id)
    }
}
