/// The point after which an expansion can only go forward: once its `add-brick` has started, it is never rolled back.
///
/// From `add-brick` on, the new bricks belong to the Gluster volume: clients write new files to them at once and a
/// rebalance moves existing files there. Rolling back would destroy those bricks and the data on them, so an
/// expansion that failed or was interrupted after that point keeps its bricks (reserved, and finished at start-up)
/// instead. Before it, the new bricks are Brickyard's alone and undoing them loses nothing.
///
/// Pure, and the only place the rule is written: start-up recovery, the finalizer and the applier all ask it.
public enum ExpansionCommitment {
    /// Whether `intent` is an expansion whose plan has started its `add-brick` step (one of the steps in `ran`).
    public static func isCommitted(_ intent: Intent, plan: Plan, ran: Set<Int>) -> Bool {
        guard case .expandVolume = intent else { return false }
        return ran.contains { step in
            guard plan.actions.indices.contains(step), case .addBricks = plan.actions[step] else { return false }
            return true
        }
    }
}
