import DesiredState
import ReconcilePlanning
import StorageModel
import Testing

/// Every field of a claim is reconciled or refused, and a claim touches only the volume its own source made.
@Suite struct ClaimPlanningTests {
    typealias Fixture = ReconcilePlannerTests
    static let app = ClaimReference(source: "directory", name: "app")
    static let volume = VolumeID(high: 4, low: 0)

    static func claim(options: [String] = [], policy: VolumeClaim.DeletionPolicy = .retain, gid: Int64? = nil) -> VolumeClaim {
        VolumeClaim(
            name: "app", size: .gibibytes(10), durability: .replicate(3), gid: gid,
            options: options.map { try! VolumeOption(parsing: $0, field: "options") }, deletionPolicy: policy,
            location: Fixture.here)
    }

    static func plan(_ claim: VolumeClaim?, stored options: [VolumeOption], source: String = "directory") -> ReconcilePlan {
        let topology = Fixture.stored(nodes: 3, volumes: [("app", 10, options)])
        return ReconcilePlanner().plan(DesiredState(claims: claim.map { [$0] } ?? [], source: source), against: topology)
    }

    @Test func anEditedDeletionPolicyIsRecordedAndDecidesTheRemoval() {
        // Delete → Retain: the new policy is recorded on the volume...
        let edited = Self.plan(Self.claim(policy: .retain), stored: Fixture.claimed("app", policy: "delete"))
        #expect(edited.steps == [
            .updateVolume(Self.volume, claim: Self.app, name: "app", ClaimedVolumeChanges(records: [
                VolumeOption(key: ReconcilePlanner.deletionPolicyOption, value: "retain"),
            ])),
        ])
        // ...so removing the claim then keeps the volume.
        let removed = Self.plan(nil, stored: Fixture.claimed("app", policy: "retain"))
        #expect(removed.steps.isEmpty)
        #expect(removed.notices == ["volume app: its claim is gone (kept; apply with --prune to delete it)"])
    }

    @Test func changedOptionsAreSetAndRemovedOnesReset() {
        let stored = Fixture.claimed("app", options: "performance.readdir-ahead,nfs.disable")
            + [VolumeOption(key: "performance.readdir-ahead", value: "on"), VolumeOption(key: "nfs.disable", value: "on")]
        let plan = Self.plan(Self.claim(options: ["performance.readdir-ahead off", "cluster.lookup-optimize on"]), stored: stored)
        #expect(plan.steps == [
            .updateVolume(Self.volume, claim: Self.app, name: "app", ClaimedVolumeChanges(
                set: [
                    VolumeOption(key: "performance.readdir-ahead", value: "off"),
                    VolumeOption(key: "cluster.lookup-optimize", value: "on"),
                ],
                reset: ["nfs.disable"],
                records: [VolumeOption(key: ReconcilePlanner.claimOptionsOption, value: "performance.readdir-ahead,cluster.lookup-optimize")])),
        ])
        #expect(plan.steps.first?.description == "~ volume app: options set performance.readdir-ahead=off, cluster.lookup-optimize=on; reset nfs.disable; records user.brickyard.claim-options=performance.readdir-ahead,cluster.lookup-optimize")
        // An option no claim set (a server default, a hand-made setting) is never reset.
        let untouched = Self.plan(Self.claim(), stored: Fixture.claimed("app") + [VolumeOption(key: "nfs.disable", value: "on")])
        #expect(untouched.isEmpty)
    }

    @Test func aGidChangeIsApplied() {
        let plan = Self.plan(Self.claim(gid: 2000), stored: Fixture.claimed("app"))
        #expect(plan.steps == [.updateVolume(Self.volume, claim: Self.app, name: "app", ClaimedVolumeChanges(gid: 2000))])
    }

    @Test func durabilityAndSnapshotsAreRefusedNotChanged() {
        var claim = Self.claim()
        claim.durability = .distribute
        claim.snapshot = try! SnapshotSettings(enabled: true, factor: 1.5)
        let plan = Self.plan(claim, stored: Fixture.claimed("app"))
        #expect(plan.steps.isEmpty)
        #expect(plan.refusals.count == 2)
        #expect(plan.refusals.first?.hasSuffix("durability is not changed in place") == true)
        #expect(plan.refusals.last?.hasSuffix("snapshot settings are not changed in place") == true)
    }

    @Test func aBareClaimRecordIsMigratedToItsQualifiedForm() {
        let legacy = [
            VolumeOption(key: ReconcilePlanner.claimOption, value: "app"),
            VolumeOption(key: ReconcilePlanner.deletionPolicyOption, value: "retain"),
        ]
        let plan = Self.plan(Self.claim(), stored: legacy)
        #expect(plan.steps == [
            .updateVolume(Self.volume, claim: Self.app, name: "app", ClaimedVolumeChanges(records: [
                VolumeOption(key: ReconcilePlanner.claimOption, value: "directory:app"),
                VolumeOption(key: ReconcilePlanner.claimOptionsOption, value: "none"),
            ])),
        ])
        #expect(plan.refusals.isEmpty && plan.notices.isEmpty)
        // A bare record is the directory's: another source neither adopts nor prunes it.
        #expect(Self.plan(nil, stored: legacy, source: "pvc").isEmpty)
    }

    @Test func twoSourcesWithAClaimOfOneNameStayApart() {
        // The volume `app` is the directory's claim; a `pvc` claim named app in namespace shop wants its own volume.
        var theirs = Self.claim()
        theirs.namespace = "shop"
        theirs.volumeName = "shop-app"
        let other = Self.plan(theirs, stored: Fixture.claimed("app"), source: "pvc")
        let shopApp = ClaimReference(source: "pvc", namespace: "shop", name: "app")
        #expect(other.steps == [.createVolume(theirs, claim: shopApp)])
        // Asking for the other source's volume name is refused, not adopted.
        let clash = Self.plan(Self.claim(), stored: Fixture.claimed("app"), source: "pvc")
        #expect(clash.steps.isEmpty)
        #expect(clash.refusals == ["t.yaml:1:1: volume app belongs to claim directory:app, not to pvc:app; it is left alone"])
        // And the other source's pass never prunes the directory's volume, even with --prune.
        let pruning = ReconcilePlanner(prune: true).plan(DesiredState(source: "pvc"), against: Fixture.stored(nodes: 3, volumes: [("app", 10, Fixture.claimed("app"))]))
        #expect(pruning.isEmpty)
    }

    @Test func recordedReferencesRoundTrip() {
        for reference in [ClaimReference(source: "directory", name: "a"), ClaimReference(source: "pvc", namespace: "ns", name: "b")] {
            #expect(ClaimReference(recorded: reference.description) == reference)
        }
        #expect(ClaimReference(recorded: "pvc:ns/b")?.namespace == "ns")
        #expect(ClaimReference(recorded: "a") == ClaimReference(source: "directory", name: "a"))
        #expect(ClaimReference(source: "directory", name: "a").isLegacy("a"))
        for malformed in ["", ":a", "pvc:", "pvc:/b", "pvc:ns/"] { #expect(ClaimReference(recorded: malformed) == nil) }
    }
}

extension ClaimPlanningTests {
    @Test func aDroppedUserOptionIsReportedNotReset() {
        let stored = Fixture.claimed("app", options: "user.app,nfs.disable")
            + [VolumeOption(key: "user.app", value: "1"), VolumeOption(key: "nfs.disable", value: "on")]
        let plan = Self.plan(Self.claim(), stored: stored)
        #expect(plan.steps == [
            .updateVolume(Self.volume, claim: Self.app, name: "app", ClaimedVolumeChanges(
                reset: ["nfs.disable"],
                records: [VolumeOption(key: ReconcilePlanner.claimOptionsOption, value: "none")])),
        ])
        #expect(plan.notices == ["volume app: option user.app was dropped from the claim; Gluster cannot reset a user.* option, so it keeps its value"])
    }
}
