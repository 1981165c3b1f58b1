public import StoreRecords

/// What a planner decided for one request: the intent to record, the store changes that reserve and hide entries
/// before anything runs, the actions to apply, and where the client finds the result.
public struct PlannedOperation: Hashable, Sendable {
    public var intent: Intent
    /// Recorded in the same transaction as the operation and its journal.
    public var changes: [StoreChange]
    public var plan: Plan
    /// The resource to redirect to on success (`/volumes/<id>`), or nil for 204 No Content.
    public var location: String?
    /// What the operation holds until it has finished: exclusively what it rewrites, shared what it builds on.
    public var holds: [ObjectHold]

    public init(intent: Intent, changes: [StoreChange], plan: Plan, location: String?, holds: [ObjectHold] = []) {
        self.intent = intent
        self.changes = changes
        self.plan = plan
        self.location = location
        self.holds = holds
    }
}
