import TestSupport
import SQLite
import Testing

@Suite struct SQLiteConnectionTests {
    struct Abort: Error {}

    private func count(_ connection: SQLiteConnection, _ table: String) throws -> Int64 {
        let statement = try connection.prepare("SELECT count(*) FROM \(table)")
        #expect(try statement.step())
        return statement.int64(at: 0)
    }

    @Test func reportsLastInsertRowIDAndChanges() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b');")
        #expect(connection.lastInsertRowID == 2)
        try connection.execute("UPDATE t SET v = 'c'")
        #expect(connection.changes == 2)
    }

    @Test func constraintViolationCarriesCodesAndMessage() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE t (name TEXT UNIQUE); INSERT INTO t VALUES ('x')")
        let insert = try connection.prepare("INSERT INTO t VALUES ('x')")
        do {
            try insert.run()
            Issue.record("duplicate insert succeeded")
        } catch {
            #expect(error.code == .constraint)
            #expect(error.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
            #expect(error.function == "sqlite3_step")
            #expect(error.message.contains("UNIQUE constraint failed: t.name"))
        }
    }

    @Test func transactionCommitsWhenTheBodyReturns() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE t (v INTEGER)")
        let value = try connection.transaction {
            try connection.execute("INSERT INTO t VALUES (1)")
            return 7
        }
        #expect(value == 7)
        #expect(try self.count(connection, "t") == 1)
        #expect(connection.isAutocommit)
    }

    @Test func transactionRollsBackAndRethrowsTheBodyError() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE t (v INTEGER)")
        #expect(throws: Abort.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Abort()
            }
        }
        #expect(try self.count(connection, "t") == 0)
        #expect(connection.isAutocommit)
    }

    @Test func walModeOnAFile() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.path("wal.db"))
        let pragma = try connection.prepare("PRAGMA journal_mode=WAL")
        #expect(try pragma.step())
        #expect(pragma.string(at: 0) == "wal")
    }

    @Test func busyTimeoutEndsInBusyError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("busy.db")
        let writer = try SQLiteConnection(path: path)
        try writer.execute("CREATE TABLE t (v INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)")
        let other = try SQLiteConnection(path: path)
        try other.setBusyTimeout(.milliseconds(20))
        do {
            try other.execute("BEGIN IMMEDIATE")
            Issue.record("a second writer got the lock")
        } catch {
            #expect(error.code == .busy)
        }
        try writer.execute("COMMIT")
    }

    @Test func backupCopiesToAFileThatReadsBack() throws {
        let directory = try TemporaryDirectory()
        let source = try SQLiteConnection(path: ":memory:")
        try source.execute("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('one'), ('two')")
        let path = directory.path("backup.db")
        try source.backup(to: path)

        let copy = try SQLiteConnection(path: path, mode: .readOnly)
        let select = try copy.prepare("SELECT v FROM t ORDER BY v")
        var values: [String] = []
        while try select.step() {
            values.append(select.string(at: 0) ?? "")
        }
        #expect(values == ["one", "two"])
    }

    @Test func openingAMissingFileReadOnlyFails() throws {
        let directory = try TemporaryDirectory()
        do {
            _ = try SQLiteConnection(path: directory.path("missing.db"), mode: .readOnly)
            Issue.record("opened a missing file")
        } catch {
            #expect(error.code == .cantOpen)
            #expect(error.function == "sqlite3_open_v2")
        }
    }
}
