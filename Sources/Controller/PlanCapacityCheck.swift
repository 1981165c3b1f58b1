public import Planning
public import ReconcilePlanning
public import StorageModel

/// Whether each creation and expansion of a plan could be placed now: each is placed against the store as it is,
/// reserving nothing (so two steps that each fit alone both pass, as they would if applied one at a time with room
/// for both). `brickyard plan` reports a step that would fail, with the allocator's reason, instead of letting the
/// apply find out.
public struct PlanCapacityCheck: Sendable {
    let planner: VolumeOperationPlanner

    public init(settings: EngineSettings) {
        self.planner = VolumeOperationPlanner(settings: settings)
    }

    /// The reason each step that would fail fails, by its index in the plan.
    /// A plan that adds nodes or devices is not checked: its volumes are placed on storage the store does not have
    /// yet.
    public func failures(of plan: ReconcilePlan, against topology: Topology) -> [Int: String] {
        guard !plan.steps.contains(where: { $0.claim == nil }) else { return [:] }
        var generator = SystemRandomNumberGenerator()
        var failures: [Int: String] = [:]
        for (index, step) in plan.steps.enumerated() {
            do throws(OperationError) {
                switch step {
                case .createVolume(let claim, let reference):
                    let spec = ReconcilePlanner.volumeSpec(for: claim, reference: reference, cluster: nil)
                    _ = try self.planner.create(
                        spec, id: .random(using: &generator), operation: .random(using: &generator), in: topology,
                        using: &generator)
                case .expandVolume(let id, _, _, let from, let to):
                    _ = try self.planner.expand(
                        id, by: to - from, operation: .random(using: &generator), in: topology, using: &generator)
                case .createCluster, .addNode, .addDevice, .updateVolume, .deleteVolume:
                    continue
                }
            } catch {
                failures[index] = error.description
            }
        }
        return failures
    }
}
