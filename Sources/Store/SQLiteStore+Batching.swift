import StoreRecords
import Synchronization

/// Group commit: writes that arrive while the store is busy (most often in its fsync) wait together and then share
/// one transaction and one fsync, so concurrent operations do not queue behind each other's disk flushes.
///
/// A write is queued with a continuation; the first one queued schedules a drain on the store's thread, which runs
/// after the jobs queued before it, so writes queued meanwhile join the same batch. The drain opens the transaction,
/// runs each write in a savepoint of its own (a refused write is undone alone and told why; the others go on),
/// commits, and only then resumes the writers: a write returns once it is durable, as with a transaction of its own.
/// The transaction opens and commits within the one drain, so no read on the store's thread ever sees a write that
/// is not committed.
extension SQLiteStore {
    /// Runs `body` in the next batch and returns its value once the batch has committed.
    ///
    /// Nonisolated: the writer waits on its own executor and is resumed there, so the store's thread runs the drains
    /// and nothing else for it.
    nonisolated func write<Value: Sendable>(
        _ body: @escaping @Sendable (isolated SQLiteStore) throws(StoreError) -> Value
    ) async throws(StoreError) -> Value {
        typealias Outcome = Result<Value, StoreError>
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let write = PendingWrite(
                perform: { store in
                    let outcome: Result<Value, StoreError>
                    do throws(StoreError) {
                        outcome = .success(try body(store))
                    } catch {
                        outcome = .failure(error)
                    }
                    return { batchFailure in
                        // A write's own refusal says more than the batch's failure to commit.
                        if case .success = outcome, let batchFailure {
                            continuation.resume(returning: .failure(batchFailure))
                        } else {
                            continuation.resume(returning: outcome)
                        }
                    }
                },
                refuse: { error in continuation.resume(returning: .failure(error)) })
            if self.pendingWrites.withLock({ $0.add(write) }) {
                self.runOnOwnThread { $0.drain() }
            }
        }
        return try result.get()
    }

    /// Runs every queued write in one transaction and tells each writer how it went.
    private func drain() {
        let batch = self.pendingWrites.withLock { $0.takeAll() }
        guard !batch.isEmpty else { return }
        do throws(StoreError) {
            try self.database.begin()
        } catch {
            batch.forEach { $0.refuse(error) }
            return
        }
        let outcomes = batch.map { $0.perform(self) }
        var failure: StoreError?
        do throws(StoreError) {
            try self.database.commit()
            self.countBatch()
        } catch {
            failure = error
            self.dropCache()
        }
        outcomes.forEach { $0(failure) }
    }
}

/// A write waiting for its batch: `perform` runs it inside the batch's transaction and returns what tells the writer
/// the batch's outcome (nil once committed); `refuse` tells it the batch could not even begin.
struct PendingWrite: Sendable {
    let perform: @Sendable (isolated SQLiteStore) -> @Sendable (StoreError?) -> Void
    let refuse: @Sendable (StoreError) -> Void
}

/// The writes queued for the next batch, and whether a drain is already scheduled to take them.
struct PendingWrites: Sendable {
    private var writes: [PendingWrite] = []
    private var drainScheduled = false

    /// Queues `write`; true when the caller must schedule the drain.
    mutating func add(_ write: PendingWrite) -> Bool {
        self.writes.append(write)
        defer { self.drainScheduled = true }
        return !self.drainScheduled
    }

    var count: Int { self.writes.count }

    /// Everything queued; a write queued after this schedules a new drain.
    mutating func takeAll() -> [PendingWrite] {
        self.drainScheduled = false
        defer { self.writes = [] }
        return self.writes
    }
}
