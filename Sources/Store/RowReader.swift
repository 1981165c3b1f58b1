import SQLite
import StorageModel
import StoreRecords

/// Reads one result row column by column into model values, in the order the SELECT listed them.
///
/// A wrong storage class, an unparsable ID or JSON that no longer decodes becomes `StoreError.corruptRow` naming the
/// table and the row's first column (its ID), so a damaged row is reported instead of crashing the server.
struct RowReader {
    let table: String
    private let row: [SQLiteValue]
    private var index = 0

    init(table: String, row: [SQLiteValue]) {
        self.table = table
        self.row = row
    }

    /// The row's first column as text, which is its ID in every table.
    var rowID: String {
        if case .text(let text)? = self.row.first { return text }
        return "?"
    }

    private mutating func next() -> SQLiteValue {
        defer { self.index += 1 }
        return self.index < self.row.count ? self.row[self.index] : .null
    }

    private func corrupt(_ problem: String) -> StoreError {
        .corruptRow(table: self.table, id: self.rowID, problem: "column \(self.index - 1): \(problem)")
    }

    mutating func optionalText() throws(StoreError) -> String? {
        switch self.next() {
        case .null: return nil
        case .text(let text): return text
        case let other: throw self.corrupt("expected text, found \(other)")
        }
    }

    mutating func text() throws(StoreError) -> String {
        guard let text = try self.optionalText() else { throw self.corrupt("unexpected NULL") }
        return text
    }

    mutating func optionalInteger() throws(StoreError) -> Int64? {
        switch self.next() {
        case .null: return nil
        case .integer(let integer): return integer
        case let other: throw self.corrupt("expected an integer, found \(other)")
        }
    }

    mutating func integer() throws(StoreError) -> Int64 {
        guard let integer = try self.optionalInteger() else { throw self.corrupt("unexpected NULL") }
        return integer
    }

    mutating func int() throws(StoreError) -> Int {
        let value = try self.integer()
        guard let int = Int(exactly: value) else { throw self.corrupt("\(value) out of range") }
        return int
    }

    mutating func bool() throws(StoreError) -> Bool {
        try self.integer() != 0
    }

    mutating func bytes() throws(StoreError) -> ByteCount {
        ByteCount(bytes: try self.integer())
    }

    mutating func time() throws(StoreError) -> UnixTime {
        UnixTime(seconds: try self.integer())
    }

    mutating func optionalTime() throws(StoreError) -> UnixTime? {
        try self.optionalInteger().map { UnixTime(seconds: $0) }
    }

    mutating func optionalIdentifier<Kind>(_ type: Identifier<Kind>.Type = Identifier<Kind>.self)
        throws(StoreError) -> Identifier<Kind>?
    {
        guard let text = try self.optionalText() else { return nil }
        do {
            return try Identifier<Kind>(parsing: text)
        } catch {
            throw self.corrupt("\"\(text)\" is not a \(Kind.fieldName) ID")
        }
    }

    mutating func identifier<Kind>(_ type: Identifier<Kind>.Type = Identifier<Kind>.self)
        throws(StoreError) -> Identifier<Kind>
    {
        guard let id = try self.optionalIdentifier(type) else { throw self.corrupt("unexpected NULL") }
        return id
    }

    mutating func rawValue<Value: RawRepresentable>(_ type: Value.Type) throws(StoreError) -> Value
    where Value.RawValue == String {
        let text = try self.text()
        guard let value = Value(rawValue: text) else { throw self.corrupt("unknown \(Value.self) \"\(text)\"") }
        return value
    }

    mutating func json<Value: Decodable>(_ type: Value.Type) throws(StoreError) -> Value {
        let text = try self.text()
        do {
            return try JSONColumn.decode(type, from: text)
        } catch {
            throw self.corrupt("cannot decode \(Value.self) from \(text): \(error)")
        }
    }
}
