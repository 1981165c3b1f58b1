public import DesiredState

/// What an apply would do, in order, and what it will not do but reports: differences Brickyard does not change
/// on its own (a node's zone, a volume's durability, a volume no document claims).
public struct ReconcilePlan: Hashable, Sendable {
    public var steps: [ReconcileStep] = []
    /// Differences left alone, one readable line each.
    public var notices: [String] = []
    /// Requests that cannot be carried out (shrinking a volume); an apply refuses the whole plan while any is here.
    public var refusals: [String] = []

    public init(steps: [ReconcileStep] = [], notices: [String] = [], refusals: [String] = []) {
        self.steps = steps
        self.notices = notices
        self.refusals = refusals
    }

    public var isEmpty: Bool { self.steps.isEmpty }

    /// `Plan: 3 to add, 1 to change, 0 to delete.`
    public var summary: String {
        func count(_ effect: String) -> Int { self.steps.filter { $0.effect == effect }.count }
        return "Plan: \(count("add")) to add, \(count("change")) to change, \(count("delete")) to delete."
    }
}
