import DesiredState
import ReconcilePlanning
import StorageModel
import Testing

@testable import Controller

@Suite struct KeyedPlanTests {
    static let here = SourceLocation(file: "t.yaml", line: 1, column: 1)

    static func node(_ index: Int) -> DesiredNode {
        DesiredNode(
            manageHostname: "node\(index)", storageHostname: "10.0.0.\(index)", zone: index,
            devices: [
                DesiredDevice(name: "/dev/sdb", location: here), DesiredDevice(name: "/dev/sdc", location: here),
            ],
            location: here)
    }

    static func claim(_ name: String) -> VolumeClaim {
        VolumeClaim(name: name, size: .gibibytes(1), durability: .replicate(3), location: here)
    }

    @Test func stepsAreGroupedByObjectTopologyFirstAndANewClusterKeepsItsNodesInOrder() {
        let desired = DesiredState(
            clusters: [DesiredCluster(nodes: [Self.node(2), Self.node(1)], location: Self.here)],
            claims: [Self.claim("b"), Self.claim("a")])
        let keyed = KeyedPlan(ReconcilePlanner().plan(desired, against: Topology()))
        #expect(keyed.stages.map { $0.map(\.key) } == [[.cluster(index: 0)], [.claim(ClaimReference(source: "directory", name: "b")), .claim(ClaimReference(source: "directory", name: "a"))]])
        let cluster = keyed.work(for: .cluster(index: 0))
        #expect(
            cluster?.steps.map(\.step.action)
                == ["create_cluster", "add_node", "add_device", "add_device", "add_node", "add_device", "add_device"])
        #expect(cluster?.steps.map(\.index) == Array(0...6))
        #expect(cluster?.seeds == [0: "node1,node2"])
        #expect(keyed.work(for: .claim(ClaimReference(source: "directory", name: "a")))?.steps.map(\.index) == [8])
    }

    @Test func nodesJoiningAStoredClusterShareItsKeyAndNewDevicesOfStoredNodesGoApart() {
        var topology = Topology()
        let cluster = ClusterID(high: 1, low: 1)
        topology.insert(Cluster(id: cluster))
        topology.insert(Node(id: NodeID(high: 2, low: 1), cluster: cluster, zone: 1, manageHostname: "node1", storageHostname: "10.0.0.1"))
        let desired = DesiredState(
            clusters: [DesiredCluster(nodes: [Self.node(1), Self.node(2), Self.node(3)], location: Self.here)])
        let keyed = KeyedPlan(ReconcilePlanner().plan(desired, against: topology))
        #expect(keyed.stages.map { $0.map(\.key) } == [[.node("node1"), .joining(cluster)]])
        #expect(keyed.work(for: .node("node1"))?.steps.map(\.step.action) == ["add_device", "add_device"])
        #expect(
            keyed.work(for: .joining(cluster))?.steps.map(\.step.action)
                == ["add_node", "add_device", "add_device", "add_node", "add_device", "add_device"])
    }

    @Test func aVolumesCreationExpansionAndDeletionShareItsKey() {
        var topology = Topology()
        let cluster = ClusterID(high: 1, low: 1)
        topology.insert(Cluster(id: cluster))
        let claimed = [
            VolumeOption(key: ReconcilePlanner.claimOption, value: "old"),
            VolumeOption(key: ReconcilePlanner.deletionPolicyOption, value: VolumeClaim.DeletionPolicy.delete.rawValue),
        ]
        topology.insert(
            Volume(
                id: VolumeID(high: 4, low: 1), name: "old", cluster: cluster, size: .gibibytes(1),
                durability: .replicate(3), options: claimed, brickSets: []))
        let keyed = KeyedPlan(ReconcilePlanner().plan(DesiredState(claims: [Self.claim("new")]), against: topology))
        #expect(keyed.stages.count == 1)
        #expect(keyed.stages.first?.map(\.key) == [.claim(ClaimReference(source: "directory", name: "new")), .claim(ClaimReference(source: "directory", name: "old"))])
        #expect(keyed.work(for: .claim(ClaimReference(source: "directory", name: "old")))?.steps.map(\.step.action) == ["delete_volume"])
    }

    @Test func anEmptyPlanHasNoStages() {
        #expect(KeyedPlan(ReconcilePlan()).stages.isEmpty)
    }
}
