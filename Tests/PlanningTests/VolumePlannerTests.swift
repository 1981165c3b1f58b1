import Planning
import Foundation
import StorageModel
import Testing

@Suite struct VolumePlannerTests {
    var generator = SeededGenerator(seed: 12)

    mutating func volume(sets: Int, setSize: Int, options: [VolumeOption] = []) -> Volume {
        let brickSets = (0..<sets).map { _ in (0..<setSize).map { _ in BrickID.random(using: &self.generator) } }
        return Volume(
            id: .random(using: &self.generator), name: "v", cluster: .random(using: &self.generator),
            size: .gibibytes(10), durability: .replicate(setSize), options: options, brickSets: brickSets)
    }

    @Test mutating func createMakesBricksThenTheVolumeThenOptionsThenStarts() {
        let volume = self.volume(
            sets: 2, setSize: 3,
            options: [VolumeOption(key: "performance.read-ahead", value: "off"), VolumeOption(key: "user.heketi.id", value: "forged")])
        let plan = VolumePlanner.create(volume, in: Topology())
        let bricks = volume.brickSets.flatMap { $0 }
        #expect(plan.actions.count == 6 + 3)
        #expect(Array(plan.actions.prefix(6)) == bricks.map { .createBrick(brick: $0) })
        #expect(plan.actions[6] == .createVolume(volume: volume.id, bricks: bricks))
        #expect(
            plan.actions[7]
                == .setOptions(
                    volume: volume.id,
                    options: [
                        VolumeOption(key: "performance.read-ahead", value: "off"),
                        VolumeOption(key: "user.heketi.id", value: volume.id.description),
                        VolumeOption(key: "user.brickyard.size", value: String(ByteCount.gibibytes(10).bytes)),
                    ]))
        #expect(plan.actions[8] == .startVolume(volume: volume.id))
    }

    @Test mutating func rollbackUndoesCompletedStepsNewestFirst() {
        let volume = self.volume(sets: 1, setSize: 2)
        let plan = VolumePlanner.create(volume, in: Topology())
        #expect(plan.rollback(afterCompleting: 0).isEmpty)
        #expect(plan.rollback(afterCompleting: 1) == [.destroyBrick(brick: volume.brickSets[0][0])])
        #expect(
            plan.rollback(afterCompleting: 3)
                == [
                    .deleteVolume(volume: volume.id), .destroyBrick(brick: volume.brickSets[0][1]),
                    .destroyBrick(brick: volume.brickSets[0][0]),
                ])
        // Options need no undo; a started volume is stopped before it is deleted.
        #expect(plan.rollback(afterCompleting: 5).prefix(2) == [.stopVolume(volume: volume.id), .deleteVolume(volume: volume.id)])
    }

    @Test mutating func expandAddsWholeSetsRecordsTheSizeAndRebalances() {
        let volume = self.volume(sets: 1, setSize: 3)
        let added = [(0..<3).map { _ in BrickID.random(using: &self.generator) }]
        let plan = VolumePlanner.expand(volume, adding: added, newSize: .gibibytes(15))
        #expect(plan.actions.count == 6)
        #expect(plan.actions[3] == .addBricks(volume: volume.id, bricks: added[0]))
        #expect(
            plan.actions[4]
                == .setOptions(volume: volume.id, options: [VolumeOption(key: "user.brickyard.size", value: String(15 << 30))]))
        #expect(plan.actions[5] == .rebalance(volume: volume.id))
        #expect(plan.rollback(afterCompleting: 3).count == 3)
    }

    @Test mutating func deleteStopsDeletesThenFreesBricks() {
        let volume = self.volume(sets: 2, setSize: 2)
        let plan = VolumePlanner.delete(volume)
        #expect(plan.actions.first == .stopVolume(volume: volume.id))
        #expect(plan.actions[1] == .deleteVolume(volume: volume.id))
        #expect(plan.actions.dropFirst(2).map(\.name) == Array(repeating: "destroy_brick", count: 4))
        // Deleting cannot be rolled back: the plan goes forward after a crash.
        #expect(plan.rollback(afterCompleting: 3).isEmpty)
    }

    @Test mutating func actionsRoundTripThroughJSONForTheJournal() throws {
        let volume = self.volume(sets: 1, setSize: 3, options: [VolumeOption(key: "a.b", value: "c d")])
        for action in VolumePlanner.create(volume, in: Topology()).actions + VolumePlanner.delete(volume).actions {
            let data = try JSONEncoder().encode(action)
            #expect(try JSONDecoder().decode(Action.self, from: data) == action)
        }
    }
}
