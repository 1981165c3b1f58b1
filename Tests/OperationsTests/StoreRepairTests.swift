import Planning
import Foundation
import Executor
import Operations
import StorageModel
import Store
import StoreRecords
import TestSupport
import Testing

/// Damage of the kind interleaved mutations once left (a volume marked by a finished delete, bricks reserved for
/// ever, a size that does not match the sets) found by the check and cleared by a repair against the nodes.
@Suite struct StoreRepairTests {
    static func inventory(_ state: MockExecutor.State) -> NodeInventory {
        NodeInventory(bricks: state.bricks, volumes: Dictionary(uniqueKeysWithValues: state.volumes.map { ($0, state.volumeBricks[$0] ?? []) }))
    }

    static func repair(_ fixture: EngineFixture) async throws -> StoreRepair {
        let problems = try await fixture.store.check()
        let topology = try await fixture.store.topology(includingPending: true)
        let repair = StoreRepair.plan(problems: problems, topology: topology, nodes: Self.inventory(fixture.executor.snapshot))
        let operation = try await fixture.engine.repair(repair)
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(operation)?.status == .succeeded)
        return repair
    }

    /// The first defect, reproduced by hand: a delete that ran on the nodes while an expand added bricks. The volume
    /// is gone from Gluster, its first bricks destroyed, the expand's bricks still on the nodes; the store keeps all
    /// six, marked by finished operations. The repair destroys the three left on the nodes and forgets everything.
    @Test func aVolumeDeletedOnTheNodesButMarkedInTheStoreIsForgottenAndItsSpaceFreed() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 1, deviceSize: .gibibytes(100))
        let (createRecord, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 40))
        let finished = try #require(createRecord).id
        let topology = try await fixture.store.topology(includingPending: true)
        let original = try #require(topology.volumes[volume]).brickSets.joined()
        var generator = SeededGenerator(seed: 3)
        var changes: [StoreChange] = [.markPending(.volume(volume), finished)]
        var added: [BrickID] = []
        for id in original {
            let old = try #require(topology.bricks[id])
            var brick = old
            brick.id = BrickID.random(using: &generator)
            brick.size = .gibibytes(10)
            brick.reserved = .gibibytes(10) + .mebibytes(52)
            brick.path = old.path.replacingOccurrences(of: old.id.description, with: brick.id.description)
            changes.append(.insertBrick(brick, pending: finished))
            added.append(brick.id)
        }
        try await fixture.store.commit(changes)
        let damaged = try await fixture.store.topology(includingPending: true)
        _ = try await fixture.executor.run(.deleteVolume(volume: volume), in: damaged)
        for id in original { _ = try await fixture.executor.run(.destroyBrick(brick: id), in: damaged) }
        for id in added { _ = try await fixture.executor.run(.createBrick(brick: id), in: damaged) }

        let problems = try await fixture.store.check()
        #expect(problems.contains(.orphanMarker(.volume(volume), operation: finished, status: .succeeded)))
        #expect(problems.count == 1 + added.count)
        // Every device holds the hidden bricks' space: a 60 GiB volume does not fit until the repair.
        await #expect(throws: OperationError.self) { _ = try await fixture.engine.createVolume(fixture.volumeSpec(size: 60)) }

        let repair = try await Self.repair(fixture)
        #expect(Set(repair.destroy) == Set(added))
        #expect(repair.deletions.count == 7 && repair.unresolved.isEmpty)
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
        #expect(try await fixture.createVolume(fixture.volumeSpec(size: 60)).0?.status == .succeeded)
    }

    @Test func aVolumeGlusterStillHasIsShownAgainAndItsSizeMatchesItsSets() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 1)
        let (record, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 10))
        var stored = try #require(try await fixture.store.topology().volumes[volume])
        stored.size = .gibibytes(30)
        try await fixture.store.commit([.updateVolume(stored), .markPending(.volume(volume), try #require(record).id)])
        #expect(try await fixture.store.topology(includingPending: false).volumes[volume] == nil)
        let repair = try await Self.repair(fixture)
        #expect(repair.clears == [.volume(volume)] && repair.resizes == [volume: .gibibytes(10)])
        #expect(repair.destroy.isEmpty && repair.deletions.isEmpty)
        #expect(try await fixture.store.topology(includingPending: false).volumes[volume]?.size == .gibibytes(10))
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
    }

    /// A brick outside the volume's sets that a Gluster volume does use may hold data: it stays reserved, reported.
    @Test func aBrickGlusterUsesButTheStoreDoesNotListIsLeftAndReported() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (record, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 4))
        let topology = try await fixture.store.topology(includingPending: true)
        var brick = try #require(topology.bricks.values.first)
        brick.id = BrickID(high: 7, low: 7)
        brick.path = "/var/lib/heketi/mounts/vg_x/brick_\(brick.id)/brick"
        try await fixture.store.commit(.insertBrick(brick, pending: try #require(record).id))
        _ = try await fixture.executor.run(.addBricks(volume: volume, bricks: [brick.id]), in: topology)
        let problems = try await fixture.store.check()
        let repair = StoreRepair.plan(
            problems: problems, topology: try await fixture.store.topology(includingPending: true),
            nodes: Self.inventory(fixture.executor.snapshot))
        #expect(repair.isEmpty)
        #expect(repair.unresolved.contains { $0.hasPrefix("brick \(brick.id) is in Gluster volume \(volume)") })
    }
}
