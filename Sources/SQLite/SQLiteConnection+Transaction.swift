/// Transactions: the store groups related writes so a crash leaves all or none of them.
extension SQLiteConnection {
    /// Runs `body` inside `BEGIN IMMEDIATE` … `COMMIT`, rolling back if it throws.
    ///
    /// `IMMEDIATE` takes the write lock up front, so a busy database fails at `BEGIN` (after the busy timeout)
    /// rather than midway. Rethrows the body's own error after the rollback, or a `SQLiteError` from BEGIN or COMMIT;
    /// a failed COMMIT is rolled back too. Transactions do not nest: calling this inside another one throws
    /// `SQLITE_ERROR` from BEGIN.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try self.execute("BEGIN IMMEDIATE")
        let result: Result
        do {
            result = try body()
            try self.execute("COMMIT")
        } catch {
            // The rollback's own failure is secondary (SQLite may already have rolled back); report the cause.
            if !self.isAutocommit {
                try? self.execute("ROLLBACK")
            }
            throw error
        }
        return result
    }
}
