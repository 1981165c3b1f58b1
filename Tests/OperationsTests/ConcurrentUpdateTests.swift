import Executor
import Operations
import Planning
import StorageModel
import Store
import StoreRecords
import TestSupport
import Testing

/// An update in place and an expansion of one volume never interleave: whichever comes second while the first holds
/// the volume is refused as busy, and the nodes show each operation's steps in one piece. Were they to interleave, an
/// expansion's bricks made before a gid change and added after it would keep the old group.
@Suite struct ConcurrentUpdateTests {
    enum Mutation: String, CaseIterable, CustomStringConvertible {
        case update
        case expand

        var description: String { self.rawValue }

        var type: OperationType { self == .update ? .volumeUpdate : .volumeExpand }

        func submit(_ volume: VolumeID, gid: Int64, to engine: OperationEngine) async throws(OperationError)
            -> OperationID
        {
            switch self {
            case .update:
                try await engine.updateVolume(
                    volume,
                    VolumeUpdate(
                        setting: [VolumeOption(key: "performance.write-behind-window-size", value: "\(gid)MB")],
                        gid: gid))
            case .expand: try await engine.expandVolume(volume, by: .gibibytes(1))
            }
        }
    }

    /// While one holds the volume, the other is refused with the holder's id and type, and nothing of it is recorded.
    @Test(arguments: [(Mutation.update, Mutation.expand), (.expand, .update), (.update, .update)])
    func theSecondIsRefusedWhileTheFirstHoldsTheVolume(first: Mutation, second: Mutation) async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 2))
        let before = try await fixture.store.operations(status: nil).count
        fixture.gate.close()
        let holder = try await first.submit(volume, gid: 100, to: fixture.engine)
        await #expect(throws: OperationError.objectBusy(.volume(volume), operation: holder, type: first.type)) {
            _ = try await second.submit(volume, gid: 200, to: fixture.engine)
        }
        #expect(try await fixture.store.operations(status: nil).count == before + 1)
        fixture.gate.open()
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(holder)?.status == .succeeded)
        try await Self.expectConsistent(volume, in: fixture)
    }

    /// Rounds of the two on one volume, the second sent after the first has run 0 to 6 of its steps (sometimes after
    /// it has ended): the second is accepted exactly when the first has finished, and every brick of the volume,
    /// the old and the added, ends with the group the store holds.
    @Test func mixedRoundsNeverInterleave() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 3, deviceSize: .gibibytes(400), maxInflight: 16)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 1))
        var generator = SeededGenerator(seed: 7)
        var refused = 0
        var accepted = 0
        for round in 0..<60 {
            let first = Mutation.allCases[Int.random(in: 0..<2, using: &generator)]
            let second = Mutation.allCases[Int.random(in: 0..<2, using: &generator)]
            fixture.gate.close()
            let holder = try await first.submit(volume, gid: Int64(2 * round + 1), to: fixture.engine)
            fixture.gate.allow(Int.random(in: 0...6, using: &generator))
            if Int.random(in: 0..<10, using: &generator) < 3 {
                fixture.gate.open()
                await fixture.engine.wait(for: holder)
            }
            do {
                _ = try await second.submit(volume, gid: Int64(2 * round + 2), to: fixture.engine)
                #expect(try await fixture.store.operation(holder)?.status.isFinished == true, "round \(round)")
                accepted += 1
            } catch OperationError.objectBusy(.volume(volume), holder, first.type) {
                refused += 1
            }
            fixture.gate.open()
            await fixture.engine.waitUntilIdle()
            try await Self.expectConsistent(volume, in: fixture, "round \(round): \(first) then \(second)")
        }
        #expect(refused > 10 && accepted > 5, "refused \(refused), accepted \(accepted)")
    }

    /// Many clients at once, nothing gated: whatever was accepted, each operation's steps reached the nodes in one
    /// piece and the bricks agree with the store.
    @Test func concurrentClientsNeverInterleave() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 3, deviceSize: .gibibytes(400), maxInflight: 64)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 1))
        let engine = fixture.engine
        for round in 0..<10 {
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<8 {
                    group.addTask {
                        let mutation: Mutation = (client + round) % 2 == 0 ? .update : .expand
                        _ = try? await mutation.submit(volume, gid: Int64(100 * round + client + 1), to: engine)
                    }
                }
            }
            await fixture.engine.waitUntilIdle()
            try await Self.expectConsistent(volume, in: fixture, "round \(round)")
        }
    }

    /// The check above is not vacuous: an update's steps inside an expansion's are caught.
    @Test func anInterleavingIsCaught() {
        let volume = VolumeID(high: 1, low: 1)
        var topology = Topology()
        let bricks = (1...6).map { BrickID(high: 2, low: UInt64($0)) }
        for brick in bricks {
            topology.insert(
                Brick(
                    id: brick, volume: volume, device: DeviceID(high: 3, low: 3), node: NodeID(high: 4, low: 4),
                    size: .gibibytes(1), reserved: .gibibytes(1), path: "/b"))
        }
        let create: [Action] =
            bricks.prefix(3).map { .createBrick(brick: $0) } + [
                .createVolume(volume: volume, bricks: Array(bricks.prefix(3))),
                .setOptions(volume: volume, options: [VolumeOption(key: "user.heketi.id", value: "x")]),
                .startVolume(volume: volume),
            ]
        let size = Action.setOptions(volume: volume, options: [VolumeOption(key: VolumePlanner.sizeOption, value: "1")])
        let update: [Action] = [
            .setOptions(volume: volume, options: [VolumeOption(key: "a.b", value: "c")]),
            .setBrickGroup(volume: volume, gid: 1),
        ]
        let expand: [Action] =
            bricks.suffix(3).map { .createBrick(brick: $0) } + [
                .addBricks(volume: volume, bricks: Array(bricks.suffix(3))), size, .rebalance(volume: volume),
            ]
        #expect(Self.wholeOperations(create + update + expand + update, of: volume, in: topology))
        #expect(
            !Self.wholeOperations(
                create + Array(expand.prefix(3)) + update + Array(expand.dropFirst(3)), of: volume, in: topology))
        #expect(!Self.wholeOperations(create + [update[0]] + expand + [update[1]], of: volume, in: topology))
    }

    /// The store and the mock agree (audit), every brick of the volume has the stored gid and the stored option,
    /// and the volume's steps on the nodes form whole operations: an update's set and group change next to each
    /// other, an expansion's bricks, add-brick, size and rebalance with nothing of an update among them.
    static func expectConsistent(_ volume: VolumeID, in fixture: EngineFixture, _ comment: Comment? = nil) async throws
    {
        let nodes = fixture.executor.snapshot
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: nodes) == [], comment)
        let topology = try await fixture.store.topology(includingPending: true)
        let stored = try #require(topology.volumes[volume])
        for brick in stored.brickSets.joined() {
            #expect(nodes.brickGroups[brick] == stored.gid, comment)
        }
        let key = "performance.write-behind-window-size"
        #expect(nodes.volumeOptions[volume]?[key] == stored.options.last { $0.key == key }?.value, comment)
        #expect(Self.wholeOperations(nodes.calls, of: volume, in: topology), comment)
    }

    /// Whether the volume's calls read as whole operations, one after another.
    static func wholeOperations(_ calls: [Action], of volume: VolumeID, in topology: Topology) -> Bool {
        enum Step { case brick, addBricks, size, rebalance, set, group }
        let steps: [Step] = calls.compactMap { call in
            switch call {
            case .createBrick(let brick): topology.bricks[brick]?.volume == volume ? .brick : nil
            case .addBricks(volume, _): .addBricks
            case .setOptions(volume, let options): options.map(\.key) == [VolumePlanner.sizeOption] ? .size : .set
            case .rebalance(volume): .rebalance
            case .setBrickGroup(volume, _): .group
            default: nil
            }
        }
        // The volume's own create comes first: its bricks, then its options (identity and size) set.
        var index = steps.startIndex
        while index < steps.endIndex, steps[index] == .brick { index += 1 }
        guard index < steps.endIndex, steps[index] == .set else { return false }
        index += 1
        while index < steps.endIndex {
            switch steps[index] {
            case .set:
                guard index + 1 < steps.endIndex, steps[index + 1] == .group else { return false }
                index += 2
            case .brick:
                var next = index
                while next < steps.endIndex, steps[next] == .brick { next += 1 }
                guard Array(steps[next..<min(next + 3, steps.endIndex)]) == [.addBricks, .size, .rebalance] else {
                    return false
                }
                index = next + 3
            default:
                return false
            }
        }
        return true
    }
}
