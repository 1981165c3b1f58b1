import CSQLite

/// Reading the current row (`sqlite3_column_*`); valid only after `step()` returned `true`.
extension SQLiteStatement {
    /// The number of columns in the statement's result.
    public var columnCount: Int {
        Int(sqlite3_column_count(self.handle))
    }

    /// The name of the 0-based column `index`, as given by `AS` or derived from the expression.
    public func columnName(_ index: Int) -> String {
        sqlite3_column_name(self.handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// Whether the 0-based column `index` of the current row is NULL.
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(self.handle, Int32(index)) == SQLITE_NULL
    }

    /// The 0-based column `index` as an integer; NULL reads as 0, following SQLite's conversions.
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(self.handle, Int32(index))
    }

    /// The 0-based column `index` as a double; NULL reads as 0.
    public func double(at index: Int) -> Double {
        sqlite3_column_double(self.handle, Int32(index))
    }

    /// The 0-based column `index` as UTF-8 text, or `nil` when it is NULL.
    public func string(at index: Int) -> String? {
        guard !self.isNull(at: index), let text = sqlite3_column_text(self.handle, Int32(index)) else {
            return nil
        }
        let count = Int(sqlite3_column_bytes(self.handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The 0-based column `index` as bytes, or `nil` when it is NULL.
    public func blob(at index: Int) -> [UInt8]? {
        guard !self.isNull(at: index) else {
            return nil
        }
        let bytes = sqlite3_column_blob(self.handle, Int32(index))
        let count = Int(sqlite3_column_bytes(self.handle, Int32(index)))
        guard let bytes, count > 0 else {
            return []
        }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The 0-based column `index` in its own storage class.
    public func value(at index: Int) -> SQLiteValue {
        switch sqlite3_column_type(self.handle, Int32(index)) {
        case SQLITE_INTEGER: .integer(self.int64(at: index))
        case SQLITE_FLOAT: .real(self.double(at: index))
        case SQLITE_TEXT: self.string(at: index).map { .text($0) } ?? .null
        case SQLITE_BLOB: self.blob(at: index).map { .blob($0) } ?? .null
        default: .null
        }
    }
}
