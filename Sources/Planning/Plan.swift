/// An ordered list of actions that realises one intent, and the store changes that come with it.
///
/// The first actions that touch nodes (brick creation) are independent of each other and may run in
/// parallel per node; everything from `createVolume` on runs in order.
public struct Plan: Hashable, Sendable {
    public var actions: [Action]

    public init(actions: [Action]) {
        self.actions = actions
    }

    /// The actions that undo the first `completed` actions, newest first.
    public func rollback(afterCompleting completed: Int) -> [Action] {
        self.actions.prefix(completed).reversed().compactMap(\.undo)
    }
}
