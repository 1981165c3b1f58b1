import SQLite
public import StorageModel
public import StoreRecords

/// Operation records and journals: what recovery and the async status endpoint read.
extension SQLiteStore {
    public func operation(_ id: OperationID) throws(StoreError) -> OperationRecord? {
        try self.database.read(Tables.operations, where: "id = ?", [.text(id.description)]).first
    }

    public func operations(status: OperationStatus?) throws(StoreError) -> [OperationRecord] {
        guard let status else {
            return try self.database.read(Tables.operations, orderBy: "created_at, id")
        }
        return try self.database.read(
            Tables.operations, where: "status = ?", orderBy: "created_at, id", [.text(status.rawValue)])
    }

    public func unfinishedOperations() throws(StoreError) -> [OperationRecord] {
        let unfinished = OperationStatus.allCases.filter { !$0.isFinished }.map { "'\($0.rawValue)'" }
        return try self.database.read(
            Tables.operations, where: "status IN (\(unfinished.joined(separator: ", ")))", orderBy: "created_at, id")
    }

    public func journal(of operation: OperationID) throws(StoreError) -> [JournalEntry] {
        try self.database.read(
            Tables.journal, where: "operation_id = ?", orderBy: "step", [.text(operation.description)])
    }

    public func pruneFinishedOperations(olderThan cutoff: UnixTime) throws(StoreError) -> Int {
        let finished = OperationStatus.allCases.filter(\.isFinished).map { "'\($0.rawValue)'" }
        // An operation that still marks entries (its rollback could not clean them) stays, and so does its
        // journal: both are what a later cleanup needs. The journal goes with the operation (ON DELETE CASCADE).
        let stillMarks = ["nodes", "devices", "bricks", "volumes"].map {
            "NOT EXISTS (SELECT 1 FROM \($0) WHERE pending = operations.id)"
        }
        let sql = """
            DELETE FROM operations
            WHERE status IN (\(finished.joined(separator: ", "))) AND finished_at < ?
                AND \(stillMarks.joined(separator: " AND "))
            """
        return try self.database.transaction { () throws(StoreError) -> Int in
            do throws(SQLiteError) {
                return try self.database.run(sql, [.integer(cutoff.seconds)])
            } catch {
                throw StoreDatabase.mapped(error)
            }
        }
    }
}
