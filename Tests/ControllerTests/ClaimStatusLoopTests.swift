import TestSupport
import Controller
import DesiredState
import Foundation
import ReconcilePlanning
import StorageModel
import Store
import Testing

/// Every claim has a status, including one that keeps failing: its source hears it, the store records it for
/// `brickyard status`, and it says why and when it is retried.
@Suite(.timeLimit(.minutes(2))) struct ClaimStatusLoopTests {
    typealias Loop = ReconcileLoopTests

    @Test func aClaimTooBigForTheClusterIsDegradedWithItsReasonAndNextRetry() async throws {
        let fixture = try Loop.Fixture(loop: ReconcileLoop.Settings(period: .seconds(600), retryBase: .seconds(30)), now: { 1_000_000 })
        try fixture.directory.write("documents/small.yaml", Loop.claim("small", size: 1))
        try fixture.directory.write("documents/huge.yaml", Loop.claim("huge", size: 100_000))
        #expect(await fixture.loop.pass() == .failed)
        #expect(await fixture.volumeNames() == ["small"])

        let statuses = Dictionary(uniqueKeysWithValues: fixture.loop.statuses.map { ($0.claim.name, $0) })
        let huge = try #require(statuses["huge"])
        #expect(huge.phase == .degraded)
        #expect(huge.condition(.degraded)?.reason == "ReconcileFailed")
        #expect(huge.condition(.ready)?.isTrue == false)
        #expect(huge.lastError?.contains("+ volume huge: 100000 GiB") == true)
        #expect(huge.lastError?.lowercased().contains("no space") == true, "\(huge.lastError ?? "")")
        #expect(huge.nextRetry == 1_000_030)
        #expect(huge.conditions.allSatisfy { $0.lastTransitionTime == 1_000_000 && $0.observedGeneration == 1 })
        let small = try #require(statuses["small"])
        #expect(small.phase == .ready)
        #expect(small.volume != nil && small.volume != "")

        // Recorded for `brickyard status`, by reference.
        let recorded = try await fixture.store.claimStatuses()
        #expect(Set(recorded.keys) == ["directory:huge", "directory:small"])
        #expect(recorded["directory:huge"].flatMap(ClaimStatusRecord.decode) == huge)
        #expect(fixture.log.contains { $0.contains("event=claim_status claim=directory:huge phase=Degraded reason=ReconcileFailed") })

        // Fixed: the claim becomes Ready and its Degraded condition records the transition.
        try fixture.directory.write("documents/huge.yaml", Loop.claim("huge", size: 2))
        #expect(await fixture.loop.pass() == .changed)
        let fixed = try #require(fixture.loop.statuses.first { $0.claim.name == "huge" })
        #expect(fixed.phase == .ready)
        #expect(fixed.lastError == nil && fixed.nextRetry == nil)

        // Removed with its volume kept (Retain): the status goes, the volume stays.
        try FileManager.default.removeItem(atPath: fixture.directory.path("documents/huge.yaml"))
        #expect(await fixture.loop.pass() == .converged)
        #expect(await fixture.volumeNames() == ["huge", "small"])
        #expect(fixture.log.contains { $0.contains("event=reconcile_notice message=\"volume huge: its claim is gone") })
    }

    @Test func aRefusedClaimIsDegradedAndTheOthersGoOn() async throws {
        let fixture = try Loop.Fixture()
        try fixture.directory.write("documents/a.yaml", Loop.claim("a", size: 2))
        #expect(await fixture.loop.pass() == .changed)
        try fixture.directory.write("documents/a.yaml", Loop.claim("a", size: 1))
        try fixture.directory.write("documents/b.yaml", Loop.claim("b", size: 1))
        #expect(await fixture.loop.pass() == .refused)
        #expect(await fixture.volumeNames() == ["a", "b"])
        let a = try #require(fixture.loop.statuses.first { $0.claim.name == "a" })
        #expect(a.phase == .degraded)
        #expect(a.condition(.degraded)?.reason == "Refused")
        #expect(a.lastError?.contains("shrinking it to 1 GiB is not possible") == true)
    }
}
