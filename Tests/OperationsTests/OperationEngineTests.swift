import Foundation
import Planning
import Executor
import Operations
import StorageModel
import Store
import StoreRecords
import Testing

@Suite struct OperationEngineTests {
    @Test func addedDevicesTakeTheSizeTheExecutorReports() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2, deviceSize: .gibibytes(200))
        let topology = try await fixture.store.topology(includingPending: true)
        #expect(topology.nodes.count == 3)
        #expect(topology.devices.count == 6)
        #expect(topology.devices.values.allSatisfy { $0.total == .gibibytes(200) })
        #expect(try await fixture.store.pendingMarkers().isEmpty)
        #expect(fixture.executor.snapshot.peers.count == 3)
    }

    @Test func createRunsThePlanAndMakesTheVolumeVisible() async throws {
        let fixture = try await EngineFixture()
        let (record, volume) = try await fixture.createVolume(fixture.volumeSpec(name: "data"))
        #expect(record?.status == .succeeded)
        #expect(record?.result == "/volumes/\(volume)")
        let topology = try await fixture.store.topology(includingPending: false)
        let stored = try #require(topology.volumes[volume])
        #expect(stored.name == "data")
        #expect(stored.brickSets.count == 1 && stored.brickSets[0].count == 3)
        let nodes = Set(stored.brickSets[0].compactMap { topology.bricks[$0]?.node })
        #expect(nodes.count == 3)
        let state = fixture.executor.snapshot
        #expect(state.volumes == [volume] && state.startedVolumes == [volume])
        #expect(state.bricks == Set(stored.brickSets[0]))
        #expect(
            state.calls.contains(
                .setOptions(
                    volume: volume,
                    options: [
                        VolumeOption(key: "user.heketi.id", value: volume.description),
                        VolumeOption(key: "user.brickyard.size", value: String(stored.size.bytes)),
                    ])))
        let journal = try await fixture.store.journal(of: try #require(record).id)
        #expect(journal.count == 6 && journal.allSatisfy { $0.state == .done })
    }

    @Test func aFailedStepRollsBackEverythingThatRan() async throws {
        let fixture = try await EngineFixture()
        fixture.executor.failWhen { action in
            if case .startVolume = action { return "volume start: failed" }
            return nil
        }
        let before = try await fixture.store.topology(includingPending: true)
        let (record, volume) = try await fixture.createVolume(fixture.volumeSpec())
        #expect(record?.status == .failed)
        #expect(record?.result?.contains("volume start: failed") == true)
        let after = try await fixture.store.topology(includingPending: true)
        #expect(after.volumes[volume] == nil)
        #expect(after.bricks.isEmpty)
        #expect(after.devices.values.map(\.used) == before.devices.values.map(\.used))
        let state = fixture.executor.snapshot
        #expect(state.bricks.isEmpty && state.volumes.isEmpty)
        let journal = try await fixture.store.journal(of: try #require(record).id)
        // The failed start may have half-happened, so it is undone too: stop, delete, three brick destroys.
        #expect(journal.filter { $0.state == .undone }.count == 5)
        #expect(journal.last?.detail?.contains("volume start: failed") == true)
    }

    @Test func placementFailureIsRefusedBeforeAnythingIsRecorded() async throws {
        let fixture = try await EngineFixture(deviceSize: .gibibytes(20))
        await #expect(throws: OperationError.self) {
            _ = try await fixture.engine.createVolume(fixture.volumeSpec(size: 50))
        }
        #expect(try await fixture.store.operations(status: nil).filter { $0.type == .volumeCreate }.isEmpty)
    }

    @Test func namesAreUniquePerCluster() async throws {
        let fixture = try await EngineFixture()
        _ = try await fixture.createVolume(fixture.volumeSpec(size: 1, name: "same"))
        let existing = try #require(try await fixture.store.topology().volumes.values.first?.id)
        let expected = OperationError.conflict(
            "volume name \"same\" is already used by volume \(existing) in cluster \(fixture.cluster)")
        await #expect(throws: expected) {
            _ = try await fixture.engine.createVolume(fixture.volumeSpec(size: 1, name: "same"))
        }
    }

    @Test func concurrentCreatesNeverOverCommitADevice() async throws {
        // 3 nodes of 30 GiB: at most two 10 GiB replica-3 volumes fit (each brick reserves a little more than 10 GiB).
        let fixture = try await EngineFixture(deviceSize: .gibibytes(30), maxInflight: 100)
        let engine = fixture.engine
        let spec = fixture.volumeSpec(size: 10)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    (try? await engine.createVolume(spec)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        await fixture.engine.waitUntilIdle()
        #expect(outcomes.filter { $0 }.count == 2)
        let topology = try await fixture.store.topology(includingPending: true)
        #expect(topology.volumes.count == 2)
        for device in topology.devices.values {
            #expect(device.used <= device.total)
        }
    }

    @Test func overTheInflightLimitRequestsAreRefusedAsBusy() async throws {
        let fixture = try await EngineFixture(maxInflight: 2, delay: .milliseconds(50))
        _ = try await fixture.engine.createVolume(fixture.volumeSpec(size: 1))
        _ = try await fixture.engine.createVolume(fixture.volumeSpec(size: 1))
        await #expect(throws: OperationError.busy(limit: 2)) {
            _ = try await fixture.engine.createVolume(fixture.volumeSpec(size: 1))
        }
        await fixture.engine.waitUntilIdle()
        #expect(fixture.engine.inflightCount == 0)
        _ = try await fixture.createVolume(fixture.volumeSpec(size: 1))
    }

    @Test func deleteRemovesTheVolumeAndFreesItsSpace() async throws {
        let fixture = try await EngineFixture()
        let empty = try await fixture.store.topology(includingPending: true)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec())
        let operation = try await fixture.engine.deleteVolume(volume)
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(operation)?.status == .succeeded)
        let topology = try await fixture.store.topology(includingPending: true)
        #expect(topology.volumes.isEmpty && topology.bricks.isEmpty)
        #expect(topology.devices.values.map(\.used) == empty.devices.values.map(\.used))
        #expect(fixture.executor.snapshot.bricks.isEmpty)
    }

    @Test func expandAddsASetAndGrowsTheVolume() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 10))
        let operation = try await fixture.engine.expandVolume(volume, by: .gibibytes(5))
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(operation)?.status == .succeeded)
        let stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(stored.size == .gibibytes(15))
        #expect(stored.brickSets.count == 2)
        #expect(fixture.executor.snapshot.calls.contains(.rebalance(volume: volume)))
    }

    /// A rebalance that does not start leaves the expansion in place (the bricks already joined the volume).
    @Test func aFailedRebalanceDoesNotUndoAnExpansion() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 10))
        fixture.executor.failWhen { action in
            if case .rebalance = action { return "rebalance already in progress" }
            return nil
        }
        let operation = try await fixture.engine.expandVolume(volume, by: .gibibytes(5))
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(operation)?.status == .succeeded)
        let stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(stored.brickSets.count == 2)
        #expect(fixture.executor.snapshot.bricks.count == 6)
        let journal = try await fixture.store.journal(of: operation)
        #expect(journal.last?.detail == "not done: rebalance failed: rebalance already in progress")
    }

    /// Brick paths follow the executor's mount root (`localexec.mount_root`), so Gluster serves what is mounted.
    @Test func brickPathsUseTheConfiguredMountRoot() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 1, mountRoot: "/srv/bricks")
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 10))
        let topology = try await fixture.store.topology(includingPending: false)
        let bricks = topology.volumes[volume]?.brickSets.joined().compactMap { topology.bricks[$0] } ?? []
        #expect(bricks.count == 3)
        #expect(bricks.allSatisfy { $0.path == "/srv/bricks/vg_\($0.device)/brick_\($0.id)/brick" })
    }

    /// Recording the new size on the Gluster volume is advisory too: glusterd busy there must not leave the new
    /// bricks in the volume but out of the store (the next reconcile would expand again).
    @Test func aSizeNotRecordedDoesNotUndoAnExpansion() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 10))
        fixture.executor.failWhen { action in
            if case .setOptions(_, let options) = action, options.map(\.key) == ["user.brickyard.size"] {
                return "volume set: failed: Another transaction is in progress"
            }
            return nil
        }
        let operation = try await fixture.engine.expandVolume(volume, by: .gibibytes(5))
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(operation)?.status == .succeeded)
        let stored = try #require(try await fixture.store.topology(includingPending: false).volumes[volume])
        #expect(stored.size == .gibibytes(15) && stored.brickSets.count == 2)
        #expect(fixture.executor.snapshot.calls.contains(.rebalance(volume: volume)))
    }

    /// Once add-brick has started, new bricks may hold data: a failure leaves them in place, reserved, never destroyed.
    @Test func aFailedAddBrickLeavesTheNewBricksInPlace() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 10))
        fixture.executor.failWhen { action in
            if case .addBricks = action { return "add-brick timed out" }
            return nil
        }
        let operation = try await fixture.engine.expandVolume(volume, by: .gibibytes(5))
        await fixture.engine.waitUntilIdle()
        let record = try #require(try await fixture.store.operation(operation))
        #expect(record.status == .failed)
        #expect(record.result?.contains("the new bricks are left in place and their space stays reserved") == true)
        #expect(fixture.executor.snapshot.bricks.count == 6)
        #expect(!fixture.executor.snapshot.calls.contains { if case .destroyBrick = $0 { true } else { false } })
        let full = try await fixture.store.topology(includingPending: true)
        #expect(full.bricks.count == 6)
        #expect(try await fixture.store.topology(includingPending: false).volumes[volume]?.brickSets.count == 1)
    }

    @Test func failingADeviceMovesItsBricksElsewhere() async throws {
        let fixture = try await EngineFixture(nodes: 4, devices: 1)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 5))
        let before = try await fixture.store.topology(includingPending: true)
        let oldBrick = try #require(before.volumes[volume]?.brickSets[0][0])
        let device = try #require(before.bricks[oldBrick]?.device)
        _ = try await fixture.engine.setState(.device(device), to: .offline)
        await fixture.engine.waitUntilIdle()
        let operation = try await fixture.engine.setState(.device(device), to: .failed)
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(operation)?.status == .succeeded)
        let after = try await fixture.store.topology(includingPending: true)
        #expect(after.devices[device]?.state == .failed)
        #expect(after.bricks(on: device).isEmpty)
        let set = try #require(after.volumes[volume]?.brickSets[0])
        #expect(!set.contains(oldBrick) && set.count == 3)
        #expect(Set(set.compactMap { after.bricks[$0]?.node }).count == 3)
    }

    @Test func recoveryRollsBackAnInterruptedCreate() async throws {
        let fixture = try await EngineFixture()
        // What a crash leaves: intent, reservation and journal recorded, two bricks made, nothing finalized.
        let empty = try await fixture.store.topology(includingPending: true)
        let planner = VolumeOperationPlanner(settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
        var generator = SystemRandomNumberGenerator()
        let operation = OperationID.random(using: &generator)
        let planned = try planner.create(
            fixture.volumeSpec(), id: .random(using: &generator), operation: operation, in: empty, using: &generator)
        let record = try OperationRecord(id: operation, type: .volumeCreate, encoding: planned.intent, at: UnixTime(seconds: 1))
        let journal = try planned.plan.actions.enumerated().map { step, action in
            JournalEntry(
                operation: operation, step: step,
                action: String(decoding: try JSONEncoder().encode(action), as: UTF8.self),
                state: step < 2 ? .done : .planned, updatedAt: UnixTime(seconds: 1))
        }
        try await fixture.store.commit([.insertOperation(record)] + journal.map(StoreChange.appendJournal) + planned.changes)
        #expect(try await fixture.store.topology(includingPending: true).bricks.count == 3)

        let recovered = try await fixture.engine.recover()
        await fixture.engine.waitUntilIdle()
        #expect(recovered == 1)
        #expect(try await fixture.store.operation(operation)?.status == .rolledBack)
        let after = try await fixture.store.topology(includingPending: true)
        #expect(after.bricks.isEmpty && after.volumes.isEmpty)
        let destroyed = fixture.executor.snapshot.calls.filter { if case .destroyBrick = $0 { true } else { false } }
        #expect(destroyed.count == 2)
    }
}
