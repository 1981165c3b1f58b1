import SQLite
import StoreRecords

/// Opening: connection settings and schema migrations, run once before the store serves anything.
extension StoreDatabase {
    /// How long a statement waits for another connection's lock (a backup tool, the sqlite3 shell) before failing.
    static let busyTimeout: Duration = .seconds(5)

    /// Opens `path` (or a private in-memory database for `":memory:"`), configures it and migrates it to
    /// `migrations.count`.
    ///
    /// The version is checked before anything is written, so a database from a newer Brickyard is left untouched.
    static func open(path: String, migrations: [StoreSchema.Migration] = StoreSchema.migrations)
        throws(StoreError) -> StoreDatabase
    {
        let database: StoreDatabase
        do throws(SQLiteError) {
            let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
            try connection.setBusyTimeout(Self.busyTimeout)
            database = StoreDatabase(connection: connection)
        } catch {
            throw Self.mapped(error)
        }
        let found = try database.userVersion()
        guard found <= migrations.count else {
            throw .schemaTooNew(found: found, supported: migrations.count)
        }
        try database.configure()
        try database.migrate(from: found, with: migrations)
        return database
    }

    /// Sets the pragmas the store's guarantees rest on.
    ///
    /// - `journal_mode=WAL`: readers never block the writer and a commit is one append; an in-memory database
    ///   reports `memory` and keeps it, anything else means WAL was refused and is an error.
    /// - `synchronous=FULL`: every commit is fsynced before it returns. NORMAL in WAL mode can lose the last
    ///   commits on power loss, and the store must never forget an intent after the executor has acted on it;
    ///   a control plane commits a few times per operation, so one fsync each is cheap.
    /// - `foreign_keys=ON`: off by default in SQLite and per connection; verified, since the schema relies on it.
    /// - `cache_size=-512`: a 512 KiB page cache instead of SQLite's 2 MiB. The store keeps the topology in
    ///   memory and reads tables only at start-up, so a larger cache would hold pages nobody asks for again.
    private func configure() throws(StoreError) {
        let mode = try self.pragma("PRAGMA journal_mode = WAL")
        guard case .text(let journalMode) = mode, ["wal", "memory"].contains(journalMode.lowercased()) else {
            throw .walUnavailable(journalMode: "\(mode)")
        }
        try self.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -512")
        guard try self.pragma("PRAGMA foreign_keys") == .integer(1) else {
            throw .database(function: "PRAGMA foreign_keys", code: -1, message: "foreign keys could not be enabled")
        }
    }

    /// Runs each migration after `version` in its own transaction together with its version bump.
    private func migrate(from version: Int, with migrations: [StoreSchema.Migration]) throws(StoreError) {
        for next in (version + 1)..<(migrations.count + 1) {
            try self.transaction { () throws(StoreError) in
                do throws(SQLiteError) {
                    try self.connection.execute(migrations[next - 1].sql)
                    try self.connection.execute("PRAGMA user_version = \(next)")
                } catch {
                    throw .database(
                        function: "migration \(next) (\(migrations[next - 1].summary))", code: error.extendedCode,
                        message: error.message)
                }
            }
        }
    }

    /// The schema version stored in the database header (`PRAGMA user_version`), 0 for a new file.
    func userVersion() throws(StoreError) -> Int {
        guard case .integer(let version) = try self.pragma("PRAGMA user_version") else { return 0 }
        return Int(version)
    }

    /// Changes whenever another connection commits (`PRAGMA data_version`); this connection's own commits do not
    /// change it, so the store invalidates its cache for those itself.
    func dataVersion() throws(StoreError) -> Int64 {
        guard case .integer(let version) = try self.pragma("PRAGMA data_version") else { return 0 }
        return version
    }

    /// The first column of the first row a pragma returns.
    private func pragma(_ sql: String) throws(StoreError) -> SQLiteValue {
        do throws(SQLiteError) {
            return try self.rows(sql).first?.first ?? .null
        } catch {
            throw Self.mapped(error)
        }
    }
}
