/// A value of one of SQLite's five storage classes, for binding parameters and reading columns generically.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
