import SQLite
import StoreRecords

/// The store's one SQLite connection, a cache of its prepared statements, and the gateway that turns SQLite
/// failures into `StoreError`.
///
/// Not `Sendable`, like the connection it wraps: exactly one `SQLiteStore` owns it and uses it from its own
/// executor. Statements are prepared once per SQL text and reused, since the same few run on every commit.
final class StoreDatabase {
    let connection: SQLiteConnection
    private var statements: [String: SQLiteStatement] = [:]

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Runs one statement that returns no rows; returns how many rows it changed (not counting trigger work).
    @discardableResult
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int {
        let statement = try self.statement(sql)
        // A failed step leaves its error in the statement; reset it either way so the next use starts clean.
        defer {
            try? statement.reset()
            try? statement.clearBindings()
        }
        try statement.bind(values)
        try statement.run()
        return self.connection.changes
    }

    /// Runs a script of statements separated by semicolons, such as a migration or a pragma list.
    func execute(_ script: String) throws(StoreError) {
        do throws(SQLiteError) {
            try self.connection.execute(script)
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs one query and returns every row as values in column order.
    func rows(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        let statement = try self.statement(sql)
        defer {
            try? statement.reset()
            try? statement.clearBindings()
        }
        try statement.bind(values)
        var rows: [[SQLiteValue]] = []
        let count = statement.columnCount
        while try statement.step() {
            rows.append((0..<count).map { statement.value(at: $0) })
        }
        return rows
    }

    /// Whether a query returns at least one row.
    func exists(_ sql: String, _ values: [SQLiteValue]) throws(SQLiteError) -> Bool {
        try !self.rows(sql, values).isEmpty
    }

    private func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = self.statements[sql] {
            return cached
        }
        let statement = try self.connection.prepare(sql)
        self.statements[sql] = statement
        return statement
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`): everything it wrote is committed, or, if it throws,
    /// nothing is.
    func transaction<Result>(_ body: () throws(StoreError) -> Result) throws(StoreError) -> Result {
        do {
            return try self.connection.transaction { () throws -> Result in try body() }
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw Self.mapped(error)
        } catch {
            throw .database(function: "transaction", code: -1, message: "\(error)")
        }
    }

    /// Runs `body` in a savepoint inside the current transaction: if it throws, what it wrote is undone and the
    /// transaction goes on without it.
    func savepoint<Result>(_ body: () throws(StoreError) -> Result) throws(StoreError) -> Result {
        try self.control("SAVEPOINT write")
        do {
            let result = try body()
            try self.control("RELEASE write")
            return result
        } catch {
            try? self.control("ROLLBACK TO write")
            try? self.control("RELEASE write")
            throw error
        }
    }

    /// Opens a write transaction (`BEGIN IMMEDIATE`) for a batch of writes.
    func begin() throws(StoreError) {
        try self.control("BEGIN IMMEDIATE")
    }

    /// Commits the open transaction (the fsync that makes a batch durable); rolls it back if that fails.
    func commit() throws(StoreError) {
        do throws(StoreError) {
            try self.control("COMMIT")
        } catch {
            // The rollback's own failure is secondary (SQLite may already have rolled back); report the cause.
            if !self.connection.isAutocommit { try? self.execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs a transaction-control statement, prepared once like every other: a batch runs several per write.
    private func control(_ sql: String) throws(StoreError) {
        do throws(SQLiteError) {
            try self.run(sql)
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs `body` in a read transaction, so its several SELECTs see one snapshot even if another process writes;
    /// inside a transaction already, it just runs `body`.
    func snapshot<Result>(_ body: () throws(StoreError) -> Result) throws(StoreError) -> Result {
        guard self.connection.isAutocommit else {
            return try body()
        }
        do throws(SQLiteError) {
            try self.connection.execute("BEGIN DEFERRED")
        } catch {
            throw Self.mapped(error)
        }
        defer { try? self.connection.execute("COMMIT") }
        return try body()
    }

    /// The error for a SQLite failure that no change-specific explanation applies to.
    static func mapped(_ error: SQLiteError) -> StoreError {
        .database(function: error.function, code: error.extendedCode, message: error.message)
    }
}
