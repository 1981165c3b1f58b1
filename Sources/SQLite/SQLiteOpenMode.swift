/// How `SQLiteConnection` opens its file, mapped to the `SQLITE_OPEN_*` flags of `sqlite3_open_v2`.
public enum SQLiteOpenMode: Sendable, Hashable {
    /// Opens an existing database for reading only.
    case readOnly
    /// Opens an existing database for reading and writing.
    case readWrite
    /// Opens a database for reading and writing, creating the file if it does not exist.
    case readWriteCreate
}
