import DesiredState
import ReconcilePlanning
import StorageModel
import Testing

/// A claim's `clusterName` is the stored cluster holding the nodes of the desired cluster of that name.
@Suite struct ClaimClusterTests {
    typealias Fixture = ReconcilePlannerTests
    static let stored = ClusterID(high: 1, low: 1)

    static func claim(cluster: String?) -> VolumeClaim {
        VolumeClaim(
            name: "data", size: .gibibytes(10), durability: .replicate(3), location: Fixture.here, namespace: "shop",
            volumeName: "shop_data", clusterName: cluster)
    }

    static func cluster(_ name: String, hosts: [String]) -> DesiredCluster {
        DesiredCluster(
            nodes: hosts.map { DesiredNode(manageHostname: $0, storageHostname: $0, zone: 1, location: Fixture.here) },
            location: Fixture.here, name: name)
    }

    @Test func aNamedClusterIsTheStoredOneHoldingItsNodes() {
        let desired = DesiredState(
            clusters: [Self.cluster("main", hosts: ["node1", "node2", "node3"])], claims: [Self.claim(cluster: "main")])
        let plan = ReconcilePlanner().plan(desired, against: Fixture.stored(nodes: 3))
        guard case .createVolume(let claim, _)? = plan.steps.last else {
            Issue.record("no volume planned: \(plan)")
            return
        }
        #expect(claim.cluster == Self.stored)
        #expect(ReconcilePlanner.volumeSpec(for: claim, reference: desired.reference(of: claim), cluster: nil).clusters == [Self.stored])
    }

    @Test func aNameNoDesiredClusterHasIsRefusedAtTheClaim() {
        let desired = DesiredState(claims: [Self.claim(cluster: "other")])
        let plan = ReconcilePlanner().plan(desired, against: Fixture.stored(nodes: 3))
        #expect(plan.steps.isEmpty)
        #expect(plan.refusals == ["\(Fixture.here): cluster \"other\" is defined by no GlusterCluster"])
        let alone = ReconcilePlanner().plan(
            claim: desired.reference(of: Self.claim(cluster: "other")), wanting: Self.claim(cluster: "other"),
            against: Fixture.stored(nodes: 3))
        #expect(alone.refusals == plan.refusals)
    }

    @Test func aClusterNotYetStoredIsWaitedForUnlessItWillBeTheOnlyOne() {
        let fresh = DesiredState(clusters: [Self.cluster("new", hosts: ["a1"])], claims: [Self.claim(cluster: "new")])
        // An empty store: the new cluster will be the only one, so the volume is planned after it.
        let first = ReconcilePlanner().plan(fresh, against: Topology())
        #expect(first.steps.count == 3)
        // A store with another cluster: the volume waits for the next pass.
        let second = ReconcilePlanner().plan(fresh, against: Fixture.stored(nodes: 3))
        #expect(!second.steps.contains { if case .createVolume = $0 { true } else { false } })
        #expect(second.notices.contains { $0.contains("waits for cluster new") })
    }

    @Test func theStatusPhasesAreTheOnesClaimsReport() {
        #expect(GlusterVolumeResource.phases.sorted() == StatusCondition.Kind.allCases.map(\.rawValue).sorted())
    }
}
