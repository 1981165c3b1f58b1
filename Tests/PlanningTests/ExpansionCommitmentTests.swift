import Planning
import StorageModel
import StoreRecords
import Testing

/// The one rule: an expansion goes forward once its add-brick has started, and nothing else is ever committed by it.
@Suite struct ExpansionCommitmentTests {
    static let volumeID = VolumeID(high: 1, low: 1)
    static let sets = [[BrickID(high: 2, low: 1), BrickID(high: 2, low: 2), BrickID(high: 2, low: 3)]]
    static let intent = Intent.expandVolume(Self.volumeID, size: .gibibytes(2), sets: Self.sets)

    /// The planner's expansion: three brick creations, add-brick, the new size, rebalance.
    static var plan: Plan {
        let volume = Volume(
            id: Self.volumeID, name: "v", cluster: ClusterID(high: 3, low: 1), size: .gibibytes(1),
            durability: .replicate(3),
            brickSets: [[BrickID(high: 4, low: 1), BrickID(high: 4, low: 2), BrickID(high: 4, low: 3)]])
        return VolumePlanner.expand(volume, adding: Self.sets, newSize: .gibibytes(2))
    }

    static var addBrickStep: Int {
        Self.plan.actions.firstIndex { if case .addBricks = $0 { return true } else { return false } }!
    }

    @Test func anExpansionIsCommittedExactlyWhenItsAddBrickHasStarted() {
        let plan = Self.plan
        let addBrick = Self.addBrickStep
        #expect(
            plan.actions.map(\.name) == [
                "create_brick", "create_brick", "create_brick", "add_bricks", "set_options", "rebalance",
            ])
        for last in -1..<plan.actions.count {
            let ran = Set(0..<(last + 1))
            #expect(
                ExpansionCommitment.isCommitted(Self.intent, plan: plan, ran: ran) == (last >= addBrick),
                "steps 0...\(last) started")
        }
        // Started is what counts, in whatever order the journal says the steps ran.
        #expect(ExpansionCommitment.isCommitted(Self.intent, plan: plan, ran: [addBrick]))
        #expect(!ExpansionCommitment.isCommitted(Self.intent, plan: plan, ran: [0, 1, 2, addBrick + 1]))
    }

    @Test func onlyExpansionsAreCommittedByAnAddBrick() {
        let plan = Self.plan
        let all = Set(plan.actions.indices)
        for intent: Intent in [.createVolume(Self.volumeID), .deleteVolume(Self.volumeID), .repairStore] {
            #expect(!ExpansionCommitment.isCommitted(intent, plan: plan, ran: all), "\(intent)")
        }
    }

    @Test func aJournalStepBeyondThePlanCommitsNothing() {
        #expect(!ExpansionCommitment.isCommitted(Self.intent, plan: Self.plan, ran: [99]))
    }

    /// The three places that act on the rule agree with it: the finalizer undoes nothing once committed.
    @Test func theFinalizerKeepsACommittedExpansionAndUndoesOneThatIsNot() {
        let operation = OperationID(high: 9, low: 9)
        let plan = Self.plan
        let committed = OperationFinalizer.failure(
            of: Self.intent, operation: operation, plan: plan, ran: Set(0...Self.addBrickStep), in: Topology())
        #expect(committed.undo.isEmpty && committed.changes.isEmpty)
        let early = OperationFinalizer.failure(
            of: Self.intent, operation: operation, plan: plan, ran: [0, 1, 2], in: Topology())
        #expect(early.undo.map { $0.action } == Self.sets[0].reversed().map { Action.destroyBrick(brick: $0) })
        #expect(early.changes == [.deletePendingEntries(of: operation)])
    }
}
