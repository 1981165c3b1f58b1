import CSQLite

/// A compiled statement over `sqlite3_stmt`: bind parameters, step through rows, reset, and run again.
///
/// Finalized (`sqlite3_finalize`) when released. Parameter indexes are 1-based and column indexes 0-based, as in
/// SQLite itself.
public final class SQLiteStatement {
    let connection: SQLiteConnection
    let handle: OpaquePointer

    init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        var tailOffset = 0
        let result = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let result = sqlite3_prepare_v3(connection.handle, text, -1, 0, &handle, &tail)
            tailOffset = tail.map { text.distance(to: $0) } ?? 0
            return result
        }
        try connection.check(result, "sqlite3_prepare_v3")
        guard let handle else {
            throw SQLiteError(code: .misuse, message: "no statement in \"\(sql)\"", function: "sqlite3_prepare_v3")
        }
        let rest = sql.utf8.dropFirst(tailOffset)
        guard rest.allSatisfy({ $0 == UInt8(ascii: " ") || ($0 >= 9 && $0 <= 13) }) else {
            sqlite3_finalize(handle)
            throw SQLiteError(
                code: .misuse, message: "more than one statement in \"\(sql)\"; use execute for scripts",
                function: "sqlite3_prepare_v3")
        }
        self.connection = connection
        self.handle = handle
    }

    deinit {
        sqlite3_finalize(self.handle)
    }

    /// Evaluates the statement up to the next row (`sqlite3_step`): `true` when a row is available to read.
    public func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(self.handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let result:
            throw SQLiteConnection.error(of: self.connection.handle, result: result, function: "sqlite3_step")
        }
    }

    /// Steps until the statement is done, for statements that return no rows.
    public func run() throws(SQLiteError) {
        while try self.step() {}
    }

    /// Rewinds the statement so it can run again, keeping its bindings (`sqlite3_reset`).
    public func reset() throws(SQLiteError) {
        try self.connection.check(sqlite3_reset(self.handle), "sqlite3_reset")
    }

    /// Sets every parameter back to NULL (`sqlite3_clear_bindings`).
    public func clearBindings() throws(SQLiteError) {
        try self.connection.check(sqlite3_clear_bindings(self.handle), "sqlite3_clear_bindings")
    }

    /// Binds `value` to the 1-based parameter `index` (`sqlite3_bind_*`); text and blobs are copied.
    public func bind(_ value: SQLiteValue, at index: Int) throws(SQLiteError) {
        guard let position = Int32(exactly: index) else {
            throw SQLiteError(code: .range, message: "parameter index \(index) out of range", function: "sqlite3_bind")
        }
        switch value {
        case .null:
            try self.connection.check(sqlite3_bind_null(self.handle, position), "sqlite3_bind_null")
        case .integer(let integer):
            try self.connection.check(sqlite3_bind_int64(self.handle, position, integer), "sqlite3_bind_int64")
        case .real(let real):
            try self.connection.check(sqlite3_bind_double(self.handle, position, real), "sqlite3_bind_double")
        case .text(let text):
            // The explicit length keeps embedded NUL characters; withCString's buffer holds all of them.
            let result = text.withCString { characters in
                sqlite3_bind_text64(
                    self.handle, position, characters, UInt64(text.utf8.count), CSQLite_transient(),
                    UInt8(SQLITE_UTF8))
            }
            try self.connection.check(result, "sqlite3_bind_text64")
        case .blob(let bytes):
            // A zero-length blob needs a non-null pointer, or SQLite would bind NULL instead.
            let result = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(
                    self.handle, position, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(buffer.count),
                    CSQLite_transient())
            }
            try self.connection.check(result, "sqlite3_bind_blob64")
        }
    }

    /// Binds `value` to the parameter spelled `name`, including its prefix, such as `:id` or `$name`.
    public func bind(_ value: SQLiteValue, named name: String) throws(SQLiteError) {
        let index = sqlite3_bind_parameter_index(self.handle, name)
        guard index > 0 else {
            throw SQLiteError(
                code: .range, message: "no parameter named \(name)", function: "sqlite3_bind_parameter_index")
        }
        try self.bind(value, at: Int(index))
    }

    /// Binds `values` to parameters 1, 2, … in order.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try self.bind(value, at: offset + 1)
        }
    }

    /// Binds an integer to the 1-based parameter `index`.
    public func bind(_ value: Int64, at index: Int) throws(SQLiteError) {
        try self.bind(.integer(value), at: index)
    }

    /// Binds a double to the 1-based parameter `index`.
    public func bind(_ value: Double, at index: Int) throws(SQLiteError) {
        try self.bind(.real(value), at: index)
    }

    /// Binds UTF-8 text, or NULL for `nil`, to the 1-based parameter `index`.
    public func bind(_ value: String?, at index: Int) throws(SQLiteError) {
        try self.bind(value.map { .text($0) } ?? .null, at: index)
    }

    /// Binds a blob, or NULL for `nil`, to the 1-based parameter `index`.
    public func bind(_ value: [UInt8]?, at index: Int) throws(SQLiteError) {
        try self.bind(value.map { .blob($0) } ?? .null, at: index)
    }
}
