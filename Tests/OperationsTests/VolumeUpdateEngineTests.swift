import Executor
import Foundation
import Operations
import Planning
import StorageModel
import Store
import StoreRecords
import TestSupport
import Testing

/// Updates in place through the engine and the mock: what lands on the nodes and in the store.
@Suite struct VolumeUpdateEngineTests {
    static func option(_ key: String, _ value: String) -> VolumeOption { VolumeOption(key: key, value: value) }

    func update(_ update: VolumeUpdate, of volume: VolumeID, in fixture: EngineFixture) async throws -> OperationRecord?
    {
        let operation = try await fixture.engine.updateVolume(volume, update)
        await fixture.engine.waitUntilIdle()
        return try await fixture.store.operation(operation)
    }

    /// Options set land on the nodes and in the store, a later reset takes one away from both, and the gid goes on
    /// every brick; the identity and size options are untouched throughout.
    @Test func optionsAndTheGidLandOnTheNodesAndInTheStore() async throws {
        let fixture = try await EngineFixture()
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(name: "data"))
        let set = try await self.update(
            VolumeUpdate(
                setting: [
                    Self.option("performance.read-ahead", "off"), Self.option("diagnostics.brick-log-level", "WARNING"),
                ],
                gid: 2000),
            of: volume, in: fixture)
        #expect(set?.status == .succeeded)
        #expect(set?.type == .volumeUpdate)
        #expect(set?.result == "/volumes/\(volume)")
        var stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(
            stored.options == [
                Self.option("performance.read-ahead", "off"), Self.option("diagnostics.brick-log-level", "WARNING"),
            ])
        #expect(stored.gid == 2000)
        var nodes = fixture.executor.snapshot
        #expect(nodes.volumeOptions[volume]?["performance.read-ahead"] == "off")
        #expect(nodes.volumeOptions[volume]?["diagnostics.brick-log-level"] == "WARNING")
        #expect(nodes.volumeOptions[volume]?["user.heketi.id"] == volume.description)
        #expect(stored.brickSets.joined().allSatisfy { nodes.brickGroups[$0] == 2000 })
        #expect(nodes.calls.last == .setBrickGroup(volume: volume, gid: 2000))

        let reset = try await self.update(VolumeUpdate(resetting: ["performance.read-ahead"]), of: volume, in: fixture)
        #expect(reset?.status == .succeeded)
        stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(stored.options == [Self.option("diagnostics.brick-log-level", "WARNING")])
        nodes = fixture.executor.snapshot
        #expect(nodes.volumeOptions[volume]?["performance.read-ahead"] == nil)
        #expect(nodes.volumeOptions[volume]?["diagnostics.brick-log-level"] == "WARNING")
        #expect(nodes.calls.last == .resetOptions(volume: volume, keys: ["performance.read-ahead"]))
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: nodes) == [])
    }

    /// A set changes a value the volume was created with; gid 0 gives the bricks back to root's group.
    @Test func aChangedValueIsASetAndGidZeroClearsTheGroup() async throws {
        let fixture = try await EngineFixture()
        var spec = fixture.volumeSpec()
        spec.gid = 1000
        spec.options = [Self.option("performance.read-ahead", "on")]
        let (_, volume) = try await fixture.createVolume(spec)
        let bricks = try #require(try await fixture.store.topology(includingPending: false).volumes[volume]).brickSets
            .joined()
        #expect(bricks.allSatisfy { fixture.executor.snapshot.brickGroups[$0] == 1000 })
        let record = try await self.update(
            VolumeUpdate(setting: [Self.option("performance.read-ahead", "off")], gid: 0), of: volume, in: fixture)
        #expect(record?.status == .succeeded)
        let stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(stored.options == [Self.option("performance.read-ahead", "off")])
        #expect(stored.gid == 0)
        #expect(fixture.executor.snapshot.volumeOptions[volume]?["performance.read-ahead"] == "off")
        #expect(bricks.allSatisfy { fixture.executor.snapshot.brickGroups[$0] == nil })
    }

    /// Bricks made after an update take the new gid: an expansion reads it from the store.
    @Test func bricksAddedLaterTakeTheUpdatedGid() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 2))
        #expect(try await self.update(VolumeUpdate(gid: 3000), of: volume, in: fixture)?.status == .succeeded)
        _ = try await fixture.engine.expandVolume(volume, by: .gibibytes(2))
        await fixture.engine.waitUntilIdle()
        let stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(stored.brickSets.count == 2)
        #expect(stored.brickSets.joined().allSatisfy { fixture.executor.snapshot.brickGroups[$0] == 3000 })
    }

    /// The controller records its deletion policy through the internal entry; a requester's owned option and an
    /// empty update are refused before anything is recorded.
    @Test func ownedOptionsComeOnlyFromTheInternalEntry() async throws {
        let fixture = try await EngineFixture()
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec())
        let before = try await fixture.store.operations(status: nil).count
        let policy = Self.option("user.brickyard.deletion-policy", "delete")
        await #expect(throws: OperationError.self) {
            _ = try await fixture.engine.updateVolume(volume, VolumeUpdate(setting: [policy]))
        }
        await #expect(throws: OperationError.self) {
            _ = try await fixture.engine.updateVolume(volume, VolumeUpdate())
        }
        await #expect(throws: OperationError.notFound(kind: "volume", id: VolumeID(high: 1, low: 1).description)) {
            _ = try await fixture.engine.updateVolume(VolumeID(high: 1, low: 1), VolumeUpdate(gid: 1))
        }
        #expect(try await fixture.store.operations(status: nil).count == before)
        #expect(fixture.engine.inflightCount == 0)
        let record = try await self.update(VolumeUpdate().settingOwnedOption(policy), of: volume, in: fixture)
        #expect(record?.status == .succeeded)
        let stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(stored.options.contains(policy))
        #expect(fixture.executor.snapshot.volumeOptions[volume]?[policy.key] == "delete")
    }

    /// A step gluster refuses fails the operation with its message and leaves the stored volume as it was.
    @Test func aFailedUpdateLeavesTheStoreAsItWas() async throws {
        let fixture = try await EngineFixture()
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec())
        let before = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        fixture.executor.failWhen { action in
            if case .resetOptions = action { return "volume reset: failed: Option no.such does not exist" }
            return nil
        }
        let record = try await self.update(
            VolumeUpdate(setting: [Self.option("performance.read-ahead", "off")], resetting: ["no.such"], gid: 5),
            of: volume, in: fixture)
        #expect(record?.status == .failed)
        #expect(record?.result?.contains("Option no.such does not exist") == true)
        #expect(try await fixture.store.topology(includingPending: false).volumes[volume] == before)
        #expect(!fixture.executor.snapshot.calls.contains(.setBrickGroup(volume: volume, gid: 5)))
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
    }

    /// What a crash leaves after the options were set: recovery resumes at the reset, without setting again, and
    /// the store takes the whole update.
    @Test func recoveryCarriesAnInterruptedUpdateThrough() async throws {
        let fixture = try await EngineFixture()
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec())
        let update = VolumeUpdate(
            setting: [Self.option("performance.read-ahead", "off")], resetting: ["diagnostics.brick-log-level"], gid: 7)
        let planned = try VolumeOperationPlanner(settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
            .update(volume, update, in: try await fixture.store.topology(includingPending: true))
        var generator = SystemRandomNumberGenerator()
        let operation = OperationID.random(using: &generator)
        let record = try OperationRecord(
            id: operation, type: .volumeUpdate, encoding: planned.intent, at: UnixTime(seconds: 1))
        let journal = try planned.plan.actions.enumerated().map { step, action in
            JournalEntry(
                operation: operation, step: step,
                action: String(decoding: try JSONEncoder().encode(action), as: UTF8.self),
                state: step == 0 ? .done : .planned, updatedAt: UnixTime(seconds: 1))
        }
        try await fixture.store.commit(
            [.insertOperation(record), .hold(.exclusive(.volume(volume)), by: operation)]
                + journal.map(StoreChange.appendJournal))
        let callsBefore = fixture.executor.snapshot.calls.count

        #expect(try await fixture.engine.recover() == 1)
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(operation)?.status == .succeeded)
        #expect(
            Array(fixture.executor.snapshot.calls.dropFirst(callsBefore)) == [
                .resetOptions(volume: volume, keys: ["diagnostics.brick-log-level"]),
                .setBrickGroup(volume: volume, gid: 7),
            ])
        let stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(stored.options == [Self.option("performance.read-ahead", "off")])
        #expect(stored.gid == 7)
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
    }
}
