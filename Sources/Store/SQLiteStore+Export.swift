import SQLite
public import StoreRecords

/// Whole-database exports: the JSON dump and the online backup.
extension SQLiteStore {
    public func dump() throws(StoreError) -> [UInt8] {
        let dump = try self.database.snapshot { () throws(StoreError) -> StoreDump in
            StoreDump(
                entries: try self.database.readEntries(),
                operations: try self.database.read(Tables.operations),
                journal: try self.database.read(Tables.journal))
        }
        return try dump.encoded()
    }

    /// Copies the database page by page with SQLite's online backup into `path`, replacing that file's content.
    ///
    /// Consistent: the copy is taken in one step under a read lock, and this actor runs no write meanwhile. The copy
    /// carries the schema version, so `SQLiteStore(path:)` opens it like the original.
    public func backup(to path: String) throws(StoreError) {
        do throws(SQLiteError) {
            try self.database.connection.backup(to: path)
        } catch {
            throw StoreDatabase.mapped(error)
        }
    }
}
