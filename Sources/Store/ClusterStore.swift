public import StorageModel
public import StoreRecords

/// The role of Brickyard's persistent state: topology, operations and their journals.
///
/// `SQLiteStore` is the production implementation; an `InMemoryClusterStore` for tests can conform too. Every
/// write is a batch of `StoreChange`s applied atomically. Callers record an operation's intent and its new
/// (pending) entries in one batch before the executor runs anything, then finalize or roll back in another.
public protocol ClusterStore: Actor {
    /// Everything stored, as a topology; without pending entries, only what unfinished operations do not mark.
    func topology(includingPending: Bool) throws(StoreError) -> Topology

    /// The topology and the store's revision it was read at. The revision changes whenever the topology may have
    /// changed, so a reader can keep what it derived from one topology (a rendered response) until it does.
    func snapshot(includingPending: Bool) throws(StoreError) -> (topology: Topology, revision: UInt64)

    /// Applies `changes` in order, atomically: all of them, or (if any is refused) none. Returns once they are
    /// durable.
    func commit(_ changes: [StoreChange]) async throws(StoreError)

    /// Reads the topology (pending entries included) and the holds, and commits what `plan` returns from them, with
    /// no other write in between: allocation, reservation and holds are one atomic step, so concurrent creates
    /// cannot over-commit and two operations cannot both take one object. `plan` returns no changes to commit
    /// nothing (for example when placement fails) and hands `value` back.
    func commit<Value: Sendable>(
        planning plan: @escaping @Sendable (PlanningView) -> (changes: [StoreChange], value: Value)
    ) async throws(StoreError) -> Value

    /// `commit(_:)`, returning the whole topology as the changes left it: one trip to the store for an applier that
    /// records a step as started and needs the topology to run it.
    func commitAndReadTopology(_ changes: [StoreChange]) async throws(StoreError) -> Topology

    /// `commit(planning:)`, returning the whole topology as the plan's changes left it: what a new operation's first
    /// steps run on.
    func commitAndReadTopology<Value: Sendable>(
        planning plan: @escaping @Sendable (PlanningView) -> (changes: [StoreChange], value: Value)
    ) async throws(StoreError) -> (value: Value, topology: Topology)

    /// Every hold of an unfinished operation.
    func holds() throws(StoreError) -> HoldTable

    /// The store's internal consistency (`GET /db/check`): every problem found, none when it is sound.
    func check() throws(StoreError) -> [ConsistencyProblem]

    /// The entries an unfinished operation marks, children first.
    func pendingEntries(of operation: OperationID) throws(StoreError) -> [StoreEntry]
    /// Every marked entry with the operation that marks it (what `GET /volumes` hides, what recovery cleans).
    func pendingMarkers() throws(StoreError) -> [StoreEntry: OperationID]

    func operation(_ id: OperationID) throws(StoreError) -> OperationRecord?
    /// Operations in creation order, all of them or those with `status`.
    func operations(status: OperationStatus?) throws(StoreError) -> [OperationRecord]
    /// Pending and running operations in creation order: what start-up recovery resumes or rolls back.
    func unfinishedOperations() throws(StoreError) -> [OperationRecord]
    /// The operation's steps in order.
    func journal(of operation: OperationID) throws(StoreError) -> [JournalEntry]
    /// Deletes finished operations (and their journals) finished before `cutoff`, except any that still mark
    /// entries; returns how many went.
    func pruneFinishedOperations(olderThan cutoff: UnixTime) throws(StoreError) -> Int

    /// Records a claim's status (JSON, opaque to the store) under its reference, replacing the last one.
    func saveClaimStatus(key: String, _ json: String) throws(StoreError)
    func deleteClaimStatus(key: String) throws(StoreError)
    /// Every recorded claim status, by reference.
    func claimStatuses() throws(StoreError) -> [String: String]

    /// Everything stored as sorted-key JSON (`GET /db/dump`).
    func dump() throws(StoreError) -> [UInt8]
    /// Writes a consistent copy of the database to `path` (`GET /backup/db`).
    func backup(to path: String) throws(StoreError)
}

extension ClusterStore {
    /// The whole topology, pending entries included: what the allocator must see.
    public func topology() throws(StoreError) -> Topology {
        try self.topology(includingPending: true)
    }

    public nonisolated func commit(_ change: StoreChange) async throws(StoreError) {
        try await self.commit([change])
    }
}
