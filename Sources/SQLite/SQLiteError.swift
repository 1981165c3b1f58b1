/// A failed SQLite call: the function, its result codes and the connection's message from `sqlite3_errmsg`.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A primary SQLite result code (the low byte of an extended code).
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// `SQLITE_ERROR`: a generic error, such as an SQL syntax error.
        public static let error = Code(rawValue: 1)
        /// `SQLITE_BUSY`: another connection holds a conflicting lock past the busy timeout.
        public static let busy = Code(rawValue: 5)
        /// `SQLITE_LOCKED`: a conflict inside the same connection or shared cache.
        public static let locked = Code(rawValue: 6)
        /// `SQLITE_READONLY`: a write to a database opened read-only.
        public static let readOnly = Code(rawValue: 8)
        /// `SQLITE_IOERR`: the operating system reported an I/O error.
        public static let ioError = Code(rawValue: 10)
        /// `SQLITE_CORRUPT`: the database file is malformed.
        public static let corrupt = Code(rawValue: 11)
        /// `SQLITE_FULL`: the disk is full.
        public static let full = Code(rawValue: 13)
        /// `SQLITE_CANTOPEN`: the database file could not be opened.
        public static let cantOpen = Code(rawValue: 14)
        /// `SQLITE_CONSTRAINT`: a UNIQUE, NOT NULL, CHECK or FOREIGN KEY constraint failed.
        public static let constraint = Code(rawValue: 19)
        /// `SQLITE_MISMATCH`: a datatype mismatch, such as a non-integer rowid.
        public static let mismatch = Code(rawValue: 20)
        /// `SQLITE_MISUSE`: the library was used incorrectly.
        public static let misuse = Code(rawValue: 21)
        /// `SQLITE_RANGE`: a bind parameter index or name that the statement does not have.
        public static let range = Code(rawValue: 25)
    }

    /// The primary result code.
    public var code: Code
    /// The extended result code, such as `SQLITE_CONSTRAINT_UNIQUE` (2067); equal to `code` when there is none.
    public var extendedCode: Int32
    /// The message from `sqlite3_errmsg`, or one written by this wrapper for misuse it detects itself.
    public var message: String
    /// The SQLite function that failed, such as `sqlite3_step`.
    public var function: String

    public init(code: Code, extendedCode: Int32? = nil, message: String, function: String) {
        self.code = code
        self.extendedCode = extendedCode ?? code.rawValue
        self.message = message
        self.function = function
    }

    public var description: String {
        "\(self.function) failed: \(self.message) (code \(self.code.rawValue), extended \(self.extendedCode))"
    }
}
