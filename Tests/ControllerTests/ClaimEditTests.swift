import Controller
import DesiredState
import Executor
import Foundation
import ReconcilePlanning
import StorageModel
import Store
import StoreRecords
import TestSupport
import Testing

/// Editing a claim changes its volume in place, through the engine, on the nodes and in the store.
@Suite(.timeLimit(.minutes(2))) struct ClaimEditTests {
    typealias Loop = ReconcileLoopTests

    func volume(_ fixture: Loop.Fixture, _ name: String) async throws -> Volume {
        try #require(try await fixture.store.topology(includingPending: false).volumes.values.first { $0.name == name })
    }

    /// Delete → Retain → removed: the edited policy is recorded when it is edited, so removing the claim keeps the
    /// volume (the claim's last word was Retain).
    @Test func aDeletionPolicyEditIsRecordedAndTheVolumeKept() async throws {
        let fixture = try Loop.Fixture(loop: ReconcileLoop.Settings(deletionConfirmation: .zero))
        try fixture.directory.write("documents/app.yaml", Loop.claim("app", size: 1) + "deletionPolicy: Delete\n")
        #expect(await fixture.loop.pass() == .changed)
        #expect(try await self.volume(fixture, "app").options.last { $0.key == ReconcilePlanner.deletionPolicyOption }?.value == "delete")

        try fixture.directory.write("documents/app.yaml", Loop.claim("app", size: 1) + "deletionPolicy: Retain\n")
        #expect(await fixture.loop.pass() == .changed)
        let recorded = try await self.volume(fixture, "app")
        #expect(recorded.options.last { $0.key == ReconcilePlanner.deletionPolicyOption }?.value == "retain")
        #expect(fixture.executor.snapshot.volumeOptions[recorded.id]?[ReconcilePlanner.deletionPolicyOption] == "retain")

        try FileManager.default.removeItem(atPath: fixture.directory.path("documents/app.yaml"))
        #expect(await fixture.loop.pass() == .converged)
        #expect(await fixture.volumeNames() == ["app"])
    }

    /// An option added or changed is set, an option dropped from the claim is reset; one nobody's claim set stays.
    @Test func optionEditsAreSetAndRemovedOptionsReset() async throws {
        let fixture = try Loop.Fixture()
        try fixture.directory.write(
            "documents/app.yaml",
            Loop.claim("app", size: 1) + "options: [\"performance.readdir-ahead on\", \"nfs.disable on\"]\n")
        #expect(await fixture.loop.pass() == .changed)
        let id = try await self.volume(fixture, "app").id
        #expect(fixture.executor.snapshot.volumeOptions[id]?["nfs.disable"] == "on")

        try fixture.directory.write(
            "documents/app.yaml",
            Loop.claim("app", size: 1) + "options: [\"performance.readdir-ahead off\", \"cluster.lookup-optimize on\"]\n")
        #expect(await fixture.loop.pass() == .changed)
        let nodes = fixture.executor.snapshot.volumeOptions[id] ?? [:]
        #expect(nodes["performance.readdir-ahead"] == "off")
        #expect(nodes["cluster.lookup-optimize"] == "on")
        #expect(nodes["nfs.disable"] == nil)
        let stored = try await self.volume(fixture, "app")
        #expect(stored.options.last { $0.key == "performance.readdir-ahead" }?.value == "off")
        #expect(!stored.options.contains { $0.key == "nfs.disable" })
        #expect(await fixture.loop.pass() == .converged)
    }

    @Test func aGidEditIsAppliedToTheBricks() async throws {
        let fixture = try Loop.Fixture()
        try fixture.directory.write("documents/app.yaml", Loop.claim("app", size: 1))
        #expect(await fixture.loop.pass() == .changed)
        try fixture.directory.write("documents/app.yaml", Loop.claim("app", size: 1) + "gid: 2000\n")
        #expect(await fixture.loop.pass() == .changed)
        let volume = try await self.volume(fixture, "app")
        #expect(volume.gid == 2000)
        let groups = fixture.executor.snapshot.brickGroups
        #expect(!volume.brickSets.isEmpty && volume.brickSets.joined().allSatisfy { groups[$0] == 2000 })
    }

    /// A volume recorded with a bare claim name (before claims were qualified) is rewritten on the first pass.
    @Test func aBareClaimRecordIsMigratedInPlace() async throws {
        let fixture = try Loop.Fixture()
        try fixture.directory.write("documents/app.yaml", Loop.claim("app", size: 1))
        #expect(await fixture.loop.pass() == .changed)
        var volume = try await self.volume(fixture, "app")
        volume.options = volume.options.filter { !$0.key.hasPrefix("user.brickyard.claim") }
            + [VolumeOption(key: ReconcilePlanner.claimOption, value: "app")]
        try await fixture.store.commit(.updateVolume(volume))
        #expect(ReconcilePlanner.reference(of: volume) == ClaimReference(source: "directory", name: "app"))

        #expect(await fixture.loop.pass() == .changed)
        let migrated = try await self.volume(fixture, "app")
        #expect(migrated.options.last { $0.key == ReconcilePlanner.claimOption }?.value == "directory:app")
        #expect(migrated.id == volume.id)
        #expect(await fixture.loop.pass() == .converged)
    }
}
