public import StorageModel
public import StoreRecords
import Synchronization

/// The embedded store: Brickyard's topology, operations and journal in one SQLite database.
///
/// An actor owning the only connection, so writes are serialized in-process. Writes that arrive together share one
/// `BEGIN IMMEDIATE` transaction and one fsync, each in a savepoint of its own (see `SQLiteStore+Batching.swift`);
/// each returns once its batch is durable, and reads only ever see committed batches. It runs on a thread of its own
/// (`DedicatedThreadExecutor`) because SQLite calls block. Reads come from a cache of the topology tables, kept in
/// step with every write and dropped whenever `PRAGMA data_version` shows another connection wrote.
public actor SQLiteStore: ClusterStore {
    let database: StoreDatabase
    private let executor: DedicatedThreadExecutor
    private var cache: Cache?
    /// Bumped whenever the cached topology changes or is dropped (see `snapshot`).
    private var revision: UInt64 = 0
    /// Writes waiting for the next batch (`SQLiteStore+Batching.swift`).
    nonisolated let pendingWrites = Mutex(PendingWrites())
    /// Batches committed since the store was opened; each is one transaction and one fsync.
    public private(set) var committedBatches = 0

    /// What was last read, for the data version it was read at; topologies are built on first request.
    private struct Cache {
        var dataVersion: Int64
        var entries: StoredEntries
        var topologies: [Bool: Topology] = [:]
    }

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        self.executor.asUnownedSerialExecutor()
    }

    /// Opens or creates the database at `path` (`":memory:"` for a private in-memory one) and migrates it.
    ///
    /// Runs on the caller's thread: it happens once, at start-up. Throws `schemaTooNew` for a database written by
    /// a newer Brickyard, `walUnavailable` where write-ahead logging is refused.
    public init(path: String) throws(StoreError) {
        self.database = try StoreDatabase.open(path: path)
        self.executor = DedicatedThreadExecutor(name: "brickyard-store")
    }

    /// Runs `body` isolated to the store on its thread, after the jobs queued so far, enqueued there directly.
    nonisolated func runOnOwnThread(_ body: @escaping @Sendable (isolated SQLiteStore) -> Void) {
        self.executor.run { self.assumeIsolated { body($0) } }
    }

    /// Whether the caller runs on the store's own thread (every isolated method does).
    var isOnOwnThread: Bool { self.executor.isCurrentThread }

    deinit {
        self.executor.stop()
    }

    // MARK: Topology

    public func topology(includingPending: Bool) throws(StoreError) -> Topology {
        var cache = try self.freshCache()
        if let topology = cache.topologies[includingPending] {
            return topology
        }
        // With nothing pending both views are the same topology: share one value instead of holding two copies.
        let shared = !cache.entries.hasPendingEntries
        let topology =
            (shared ? cache.topologies[!includingPending] : nil)
            ?? cache.entries.topology(includingPending: includingPending)
        cache.topologies[includingPending] = topology
        if shared { cache.topologies[!includingPending] = topology }
        self.cache = cache
        return topology
    }

    public func snapshot(includingPending: Bool) throws(StoreError) -> (topology: Topology, revision: UInt64) {
        let topology = try self.topology(includingPending: includingPending)
        return (topology, self.revision)
    }

    public func pendingEntries(of operation: OperationID) throws(StoreError) -> [StoreEntry] {
        try self.freshCache().entries.entries(pendingFor: operation)
    }

    public func pendingMarkers() throws(StoreError) -> [StoreEntry: OperationID] {
        try self.freshCache().entries.pendingMarkers
    }

    /// The cached entries, reread if this is the first read, the store committed, or another connection did.
    private func freshCache() throws(StoreError) -> Cache {
        let version = try self.database.dataVersion()
        if let cache = self.cache, cache.dataVersion == version {
            return cache
        }
        let cache = Cache(dataVersion: version, entries: try self.database.readEntries())
        self.cache = cache
        self.revision &+= 1
        return cache
    }

    // MARK: Writing

    public nonisolated func commit(_ changes: [StoreChange]) async throws(StoreError) {
        guard !changes.isEmpty else { return }
        try await self.write { store throws(StoreError) in try store.apply(changes) }
    }

    public nonisolated func commit<Value: Sendable>(
        planning plan: @escaping @Sendable (PlanningView) -> (changes: [StoreChange], value: Value)
    ) async throws(StoreError) -> Value {
        try await self.write { store throws(StoreError) in try store.apply(planning: plan) }
    }

    public nonisolated func commitAndReadTopology(_ changes: [StoreChange]) async throws(StoreError) -> Topology {
        try await self.write { store throws(StoreError) in
            try store.apply(changes)
            return try store.topology(includingPending: true)
        }
    }

    public nonisolated func commitAndReadTopology<Value: Sendable>(
        planning plan: @escaping @Sendable (PlanningView) -> (changes: [StoreChange], value: Value)
    ) async throws(StoreError) -> (value: Value, topology: Topology) {
        try await self.write { store throws(StoreError) in
            let value = try store.apply(planning: plan)
            return (value, try store.topology(includingPending: true))
        }
    }

    public func holds() throws(StoreError) -> HoldTable {
        try self.database.readHolds()
    }

    /// Applies `changes` inside the current batch's transaction, in a savepoint of their own, and brings the cache in
    /// step. Whatever happens, the cache may no longer match the tables, unless only operations and journal changed
    /// (the applier's many progress writes), which the cached entries do not hold.
    func apply(_ changes: [StoreChange]) throws(StoreError) {
        let touchesTopology = changes.contains(where: \.touchesTopology)
        var applied = false
        defer { if touchesTopology { self.updateCache(with: changes, applied: applied) } }
        try self.database.savepoint { () throws(StoreError) in
            for change in changes {
                try self.database.apply(change)
            }
        }
        applied = true
    }

    /// Plans from the topology and holds as the batch has left them so far and applies the plan's changes, in a
    /// savepoint of their own: no write comes between the reading and the writing.
    func apply<Value>(
        planning plan: @Sendable (PlanningView) -> (changes: [StoreChange], value: Value)
    ) throws(StoreError) -> Value {
        var written: [StoreChange] = []
        var applied = false
        defer { if !written.isEmpty { self.updateCache(with: written, applied: applied) } }
        let value = try self.database.savepoint { () throws(StoreError) -> Value in
            let planned = plan(
                PlanningView(topology: try self.topology(includingPending: true), holds: try self.database.readHolds()))
            if planned.changes.contains(where: \.touchesTopology) { written = planned.changes }
            for change in planned.changes {
                try self.database.apply(change)
            }
            return planned.value
        }
        applied = true
        return value
    }

    func countBatch() {
        self.committedBatches += 1
    }

    /// Forgets the cache: after a batch failed to commit, the changes applied to it were rolled back.
    func dropCache() {
        self.revision &+= 1
        self.cache = nil
    }

    /// After changes were applied, applies them to the cached entries instead of rereading every table; after a
    /// refusal (rolled back), keeps the cache as it was only if nothing could have changed, else drops it.
    private func updateCache(with changes: [StoreChange], applied: Bool) {
        self.revision &+= 1
        guard applied, var cache = self.cache else {
            self.cache = nil
            return
        }
        // Without the stored copy the local one is the store's only reference, so the changes below mutate the entries
        // and the topology in place instead of copying every one of them first (thousands of devices per commit).
        self.cache = nil
        // The full topology follows change by change; the complete-only one depends on markers and is rebuilt lazily.
        var full = cache.topologies.removeValue(forKey: true)
        cache.topologies = [:]
        for change in changes {
            var marked: [StoreEntry] = []
            if case .deletePendingEntries(let operation) = change {
                marked = cache.entries.entries(pendingFor: operation)
            }
            full?.apply(change, pendingFor: { _ in marked })
            cache.entries.apply(change)
        }
        cache.topologies[true] = full
        #if DEBUG
            if let fresh = try? self.database.readEntries() {
                func same(_ a: Topology, _ b: Topology) -> Bool {
                    a.clusters == b.clusters && a.nodes == b.nodes && a.devices == b.devices && a.bricks == b.bricks
                        && a.volumes == b.volumes
                }
                let freshFull = fresh.topology(includingPending: true)
                assert(
                    same(freshFull, cache.entries.topology(includingPending: true))
                        && same(fresh.topology(includingPending: false), cache.entries.topology(includingPending: false))
                        && fresh.pendingMarkers == cache.entries.pendingMarkers
                        && (full.map { same($0, freshFull) } ?? true),
                    "the cached entries drifted from the tables after \(changes)")
            }
        #endif
        self.cache = cache
    }
}
