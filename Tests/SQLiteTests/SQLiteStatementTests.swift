import SQLite
import Testing

@Suite struct SQLiteStatementTests {
    @Test func roundTripsEveryStorageClass() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        let insert = try connection.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        try insert.bind(Int64.min, at: 1)
        try insert.bind(-2.5, at: 2)
        try insert.bind("zero\u{0}byte, émoji 🧱", at: 3)
        try insert.bind([0x00, 0xff, 0x10] as [UInt8], at: 4)
        try insert.bind(nil as String?, at: 5)
        #expect(try !insert.step())

        let select = try connection.prepare("SELECT i, r, s, b, n AS absent FROM t")
        #expect(select.columnCount == 5)
        #expect(select.columnName(0) == "i")
        #expect(select.columnName(4) == "absent")
        #expect(try select.step())
        #expect(select.int64(at: 0) == Int64.min)
        #expect(select.double(at: 1) == -2.5)
        #expect(select.string(at: 2) == "zero\u{0}byte, émoji 🧱")
        #expect(select.blob(at: 3) == [0x00, 0xff, 0x10])
        #expect(select.isNull(at: 4))
        #expect(select.string(at: 4) == nil)
        #expect(select.value(at: 0) == .integer(Int64.min))
        #expect(select.value(at: 1) == .real(-2.5))
        #expect(select.value(at: 3) == .blob([0x00, 0xff, 0x10]))
        #expect(select.value(at: 4) == .null)
        #expect(try !select.step())
    }

    @Test func emptyBlobStaysDistinctFromNull() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        let select = try connection.prepare("SELECT ?1, typeof(?1)")
        try select.bind([UInt8](), at: 1)
        #expect(try select.step())
        #expect(select.blob(at: 0) == [])
        #expect(select.string(at: 1) == "blob")
    }

    @Test func bindsByNameAndRebindsAfterReset() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        let select = try connection.prepare("SELECT :a + :b")
        try select.bind(.integer(2), named: ":a")
        try select.bind(.integer(3), named: ":b")
        #expect(try select.step())
        #expect(select.int64(at: 0) == 5)
        try select.reset()
        try select.bind(.integer(40), named: ":a")
        #expect(try select.step())
        #expect(select.int64(at: 0) == 43)
    }

    @Test func unknownParameterNameIsARangeError() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        let select = try connection.prepare("SELECT :a")
        #expect {
            try select.bind(.integer(1), named: ":missing")
        } throws: { error in
            (error as? SQLiteError)?.code == .range
        }
    }

    @Test func prepareRefusesASecondStatement() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        #expect(throws: SQLiteError.self) {
            try connection.prepare("SELECT 1; SELECT 2")
        }
        _ = try connection.prepare("SELECT 1;  \n")
    }

    @Test func syntaxErrorNamesPrepareAndTheToken() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        do {
            _ = try connection.prepare("SELEKT 1")
            Issue.record("prepare accepted invalid SQL")
        } catch {
            #expect(error.code == .error)
            #expect(error.function == "sqlite3_prepare_v3")
            #expect(error.message.contains("SELEKT"))
        }
    }
}
