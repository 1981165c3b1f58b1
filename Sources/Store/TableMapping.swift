import SQLite
import StoreRecords

/// How one model type maps to its table: the columns, and the conversions row -> value and value -> row.
///
/// Pure: it builds SQL text and value arrays but runs nothing. Keeping every column list in one place means the
/// INSERT, UPDATE and SELECT of a table cannot disagree on order.
struct TableMapping<Value>: Sendable {
    let table: String
    /// The singular name used in errors (`node`, `volume`).
    let kind: String
    /// Columns in SELECT and INSERT order; the first is the primary key. Excludes `pending`.
    let columns: [String]
    /// Whether the table has a `pending` column after `columns`.
    let hasPending: Bool
    /// The values for `columns`, in order.
    let values: @Sendable (Value) throws(StoreError) -> [SQLiteValue]
    /// Reads `columns` (not `pending`) from a row.
    let read: @Sendable (inout RowReader) throws(StoreError) -> Value

    /// Selects `columns` (then `pending`, when the table has one), optionally filtered, ordered by key by default.
    func select(where filter: String? = nil, orderBy order: String? = nil) -> String {
        let names = self.columns + (self.hasPending ? ["pending"] : [])
        let condition = filter.map { " WHERE \($0)" } ?? ""
        let ordering = order ?? self.columns[0]
        return "SELECT \(names.joined(separator: ", ")) FROM \(self.table)\(condition) ORDER BY \(ordering)"
    }

    /// Inserts `columns`, then `pending` when the table has one.
    var insert: String {
        let names = self.columns + (self.hasPending ? ["pending"] : [])
        let slots = Array(repeating: "?", count: names.count).joined(separator: ", ")
        return "INSERT INTO \(self.table) (\(names.joined(separator: ", "))) VALUES (\(slots))"
    }

    /// Updates every column but the key, binding the same array as `insert` without `pending` (key is `?1`).
    var update: String {
        let assignments = self.columns.enumerated().dropFirst().map { "\($0.element) = ?\($0.offset + 1)" }
        return "UPDATE \(self.table) SET \(assignments.joined(separator: ", ")) WHERE \(self.columns[0]) = ?1"
    }

    var delete: String {
        "DELETE FROM \(self.table) WHERE \(self.columns[0]) = ?"
    }

    var exists: String {
        "SELECT 1 FROM \(self.table) WHERE \(self.columns[0]) = ?"
    }
}
