import DesiredState
import ReconcilePlanning
import StorageModel
import Testing

@Suite struct ReconcilePlannerTests {
    static let here = SourceLocation(file: "t.yaml", line: 1, column: 1)

    static func desiredNode(_ index: Int, devices: [String] = ["/dev/sdb"]) -> DesiredNode {
        DesiredNode(
            manageHostname: "node\(index)", storageHostname: "10.0.0.\(index)", zone: index,
            devices: devices.map { DesiredDevice(name: $0, location: here) }, location: here)
    }

    static func claim(_ name: String, gib: Int64, policy: VolumeClaim.DeletionPolicy = .retain) -> VolumeClaim {
        VolumeClaim(name: name, size: .gibibytes(gib), durability: .replicate(3), deletionPolicy: policy, location: here)
    }

    /// A stored cluster holding the first `nodes` desired nodes with their devices, and the given volumes.
    static func stored(nodes: Int, volumes: [(String, Int64, [VolumeOption])] = []) -> Topology {
        var topology = Topology()
        let cluster = ClusterID(high: 1, low: 1)
        topology.insert(Cluster(id: cluster))
        for index in 1...max(nodes, 1) where nodes > 0 {
            let node = NodeID(high: 2, low: UInt64(index))
            topology.insert(Node(id: node, cluster: cluster, zone: index, manageHostname: "node\(index)", storageHostname: "10.0.0.\(index)"))
            topology.insert(Device(id: DeviceID(high: 3, low: UInt64(index)), node: node, name: "/dev/sdb", total: .gibibytes(100)))
        }
        for (offset, volume) in volumes.enumerated() {
            topology.insert(
                Volume(
                    id: VolumeID(high: 4, low: UInt64(offset)), name: volume.0, cluster: cluster, size: .gibibytes(volume.1),
                    durability: .replicate(3), options: volume.2, brickSets: []))
        }
        return topology
    }

    /// The records a claim's volume carries, as the planner writes them today.
    static func claimed(_ name: String, policy: String = "retain", options: String = "none", source: String = "directory") -> [VolumeOption] {
        [
            VolumeOption(key: ReconcilePlanner.claimOption, value: "\(source):\(name)"),
            VolumeOption(key: ReconcilePlanner.deletionPolicyOption, value: policy),
            VolumeOption(key: ReconcilePlanner.claimOptionsOption, value: options),
        ]
    }

    @Test func anEmptyStoreGetsClusterNodesDevicesThenVolumesInThatOrder() {
        let desired = DesiredState(
            clusters: [DesiredCluster(nodes: (1...3).map { Self.desiredNode($0) }, location: Self.here)],
            claims: [Self.claim("a", gib: 10), Self.claim("b", gib: 5)])
        let plan = ReconcilePlanner().plan(desired, against: Topology())
        #expect(plan.steps.map(\.action) == [
            "create_cluster", "add_node", "add_device", "add_node", "add_device", "add_node", "add_device",
            "create_volume", "create_volume",
        ])
        #expect(plan.steps.map(\.target) == [
            "cluster #1", "node1", "node1:/dev/sdb", "node2", "node2:/dev/sdb", "node3", "node3:/dev/sdb", "a", "b",
        ])
        #expect(plan.summary == "Plan: 9 to add, 0 to change, 0 to delete.")
        #expect(plan.refusals.isEmpty)
    }

    @Test func whatIsAlreadyThereIsNotPlannedAgain() {
        let desired = DesiredState(
            clusters: [DesiredCluster(nodes: (1...3).map { Self.desiredNode($0) }, location: Self.here)],
            claims: [Self.claim("a", gib: 10)])
        let plan = ReconcilePlanner().plan(desired, against: Self.stored(nodes: 3, volumes: [("a", 10, Self.claimed("a"))]))
        #expect(plan.isEmpty)
        #expect(plan.notices.isEmpty)
    }

    @Test func aNewNodeJoinsTheStoredClusterOfItsNeighbours() {
        let desired = DesiredState(
            clusters: [DesiredCluster(nodes: (1...4).map { Self.desiredNode($0, devices: ["/dev/sdb", "/dev/sdc"]) }, location: Self.here)])
        let plan = ReconcilePlanner().plan(desired, against: Self.stored(nodes: 3))
        #expect(plan.steps.map(\.target) == [
            "node1:/dev/sdc", "node2:/dev/sdc", "node3:/dev/sdc", "node4", "node4:/dev/sdb", "node4:/dev/sdc",
        ])
        #expect(plan.steps.contains(.addNode(Self.desiredNode(4, devices: ["/dev/sdb", "/dev/sdc"]), cluster: .existing(ClusterID(high: 1, low: 1)))))
    }

    @Test func growingIsAnExpandAndShrinkingIsRefused() {
        let topology = Self.stored(nodes: 3, volumes: [("a", 10, Self.claimed("a")), ("b", 10, Self.claimed("b"))])
        let desired = DesiredState(claims: [Self.claim("a", gib: 15), Self.claim("b", gib: 5)])
        let plan = ReconcilePlanner().plan(desired, against: topology)
        let a = ClaimReference(source: "directory", name: "a")
        #expect(plan.steps == [.expandVolume(VolumeID(high: 4, low: 0), claim: a, name: "a", from: .gibibytes(10), to: .gibibytes(15))])
        #expect(plan.refusals == ["t.yaml:1:1: volume b is 10 GiB; shrinking it to 5 GiB is not possible"])
    }

    /// A volume whose claim is gone stays unless pruning or its claim asked for deletion; volumes made outside
    /// the documents are never pruned.
    @Test func removedClaimsAreDeletedOnlyWhenAskedTo() {
        let topology = Self.stored(
            nodes: 3,
            volumes: [("kept", 1, Self.claimed("kept")), ("doomed", 1, Self.claimed("doomed", policy: "delete")), ("manual", 1, [])])
        let keeping = ReconcilePlanner(prune: false).plan(DesiredState(), against: topology)
        #expect(keeping.steps.map(\.target) == ["doomed"])
        #expect(keeping.notices == ["volume kept: its claim is gone (kept; apply with --prune to delete it)"])
        let pruning = ReconcilePlanner(prune: true).plan(DesiredState(), against: topology)
        #expect(pruning.steps.map(\.target).sorted() == ["doomed", "kept"])
        #expect(pruning.summary == "Plan: 0 to add, 0 to change, 2 to delete.")
    }

    @Test func nodesAndDevicesMissingFromTheDocumentsAreReportedNotRemoved() {
        let desired = DesiredState(clusters: [DesiredCluster(nodes: [Self.desiredNode(1, devices: [])], location: Self.here)])
        var topology = Self.stored(nodes: 2)
        topology.insert(Node(id: NodeID(high: 2, low: 1), cluster: ClusterID(high: 1, low: 1), zone: 3, manageHostname: "node1", storageHostname: "10.0.0.1"))
        let plan = ReconcilePlanner(prune: true).plan(desired, against: topology)
        #expect(plan.steps.isEmpty)
        #expect(plan.notices == [
            "node node1: zone is 3, documents say 1 (a node's zone is not changed in place)",
            "device /dev/sdb on node1 is in no document (kept)",
            "node node2 is in no document (kept)",
        ])
    }

    @Test func aClaimsVolumeCarriesItsNameAndPolicy() {
        let spec = ReconcilePlanner.volumeSpec(
            for: Self.claim("a", gib: 3, policy: .delete), reference: ClaimReference(source: "directory", name: "a"),
            cluster: ClusterID(high: 1, low: 1))
        #expect(spec.name == "a")
        #expect(spec.option(ReconcilePlanner.claimOption) == "directory:a")
        #expect(spec.option(ReconcilePlanner.claimOptionsOption) == "none")
        #expect(spec.option(ReconcilePlanner.deletionPolicyOption) == "delete")
        #expect(spec.clusters == [ClusterID(high: 1, low: 1)])
    }

    /// 10,000 claims against 1,000 nodes plan in well under a second (a benchmark reports the figure; this only
    /// checks that the plan is right at that size).
    @Test func aLargePlanIsComplete() {
        let nodes = (1...1000).map { Self.desiredNode($0) }
        let claims = (0..<10_000).map { Self.claim("v\($0)", gib: 1) }
        let plan = ReconcilePlanner().plan(DesiredState(clusters: [DesiredCluster(nodes: nodes, location: Self.here)], claims: claims), against: Topology())
        #expect(plan.steps.count == 1 + 2000 + 10_000)
    }
}
