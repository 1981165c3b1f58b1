import CSQLite

/// One SQLite database connection over `sqlite3_open_v2`, closed with `sqlite3_close_v2` when released.
///
/// A connection is deliberately not `Sendable`: it has exactly one owner at a time, which is why it is opened with
/// `SQLITE_OPEN_NOMUTEX`. Code shared between tasks wraps it in an actor (ideally one whose executor is a dedicated
/// thread, since `sqlite3_step` blocks). Statements keep their connection alive, so the handle is never closed under
/// them.
public final class SQLiteConnection {
    let handle: OpaquePointer

    /// Opens `path`, or a private in-memory database for `":memory:"`, with extended result codes enabled.
    public init(path: String, mode: SQLiteOpenMode = .readWriteCreate) throws(SQLiteError) {
        let flags: Int32 =
            switch mode {
            case .readOnly: SQLITE_OPEN_READONLY
            case .readWrite: SQLITE_OPEN_READWRITE
            case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            }
        var handle: OpaquePointer?
        let result = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard let handle else {
            throw SQLiteError(
                code: .init(rawValue: result), message: "out of memory opening \(path)", function: "sqlite3_open_v2")
        }
        guard result == SQLITE_OK else {
            let error = Self.error(of: handle, result: result, function: "sqlite3_open_v2")
            sqlite3_close_v2(handle)
            throw error
        }
        sqlite3_extended_result_codes(handle, 1)
        self.handle = handle
    }

    deinit {
        sqlite3_close_v2(self.handle)
    }

    /// Runs a script of one or more statements separated by semicolons, discarding any rows (`sqlite3_exec`).
    public func execute(_ sql: String) throws(SQLiteError) {
        try self.check(sqlite3_exec(self.handle, sql, nil, nil, nil), "sqlite3_exec")
    }

    /// Compiles one statement for repeated binding and stepping (`sqlite3_prepare_v3`).
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// The rowid of the most recent successful INSERT on this connection (`sqlite3_last_insert_rowid`).
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(self.handle)
    }

    /// The number of rows changed by the most recent INSERT, UPDATE or DELETE (`sqlite3_changes64`).
    public var changes: Int {
        Int(sqlite3_changes64(self.handle))
    }

    /// Whether the connection is outside an explicit transaction (`sqlite3_get_autocommit`).
    public var isAutocommit: Bool {
        sqlite3_get_autocommit(self.handle) != 0
    }

    /// Makes a locked database wait up to `timeout` before failing with `SQLITE_BUSY` (`sqlite3_busy_timeout`).
    public func setBusyTimeout(_ timeout: Duration) throws(SQLiteError) {
        let (seconds, attoseconds) = timeout.components
        let milliseconds = max(0, min(Int64(Int32.max), seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        try self.check(sqlite3_busy_timeout(self.handle, Int32(milliseconds)), "sqlite3_busy_timeout")
    }

    /// The gateway for every fallible call: throws a `SQLiteError` naming `function` unless `result` is `SQLITE_OK`.
    func check(_ result: Int32, _ function: String) throws(SQLiteError) {
        guard result == SQLITE_OK else {
            throw Self.error(of: self.handle, result: result, function: function)
        }
    }

    /// Builds the error for a failed call on `handle` from its current message and extended code.
    static func error(of handle: OpaquePointer, result: Int32, function: String) -> SQLiteError {
        let message = sqlite3_errmsg(handle).map { String(cString: $0) } ?? "unknown error"
        let extended = sqlite3_extended_errcode(handle)
        // A failing call sets the connection's code; if another call already overwrote it, trust the result.
        let code = (extended & 0xff) == (result & 0xff) ? extended : result
        return SQLiteError(code: .init(rawValue: code & 0xff), extendedCode: code, message: message, function: function)
    }
}
