import SQLite
import StorageModel
import StoreRecords

/// Reading rows back into model values.
extension StoreDatabase {
    /// Every topology entry with its pending marker, in one snapshot.
    func readEntries() throws(StoreError) -> StoredEntries {
        try self.snapshot { () throws(StoreError) -> StoredEntries in
            StoredEntries(
                clusters: try self.read(Tables.clusters), nodes: try self.readMarked(Tables.nodes),
                devices: try self.readMarked(Tables.devices), bricks: try self.readMarked(Tables.bricks),
                volumes: try self.readMarked(Tables.volumes))
        }
    }

    /// The rows of a table without a pending column, optionally filtered.
    func read<Value>(
        _ mapping: TableMapping<Value>, where filter: String? = nil, orderBy order: String? = nil,
        _ values: [SQLiteValue] = []
    ) throws(StoreError) -> [Value] {
        let rows: [[SQLiteValue]]
        do throws(SQLiteError) {
            rows = try self.rows(mapping.select(where: filter, orderBy: order), values)
        } catch {
            throw Self.mapped(error)
        }
        var result: [Value] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            var reader = RowReader(table: mapping.table, row: row)
            result.append(try mapping.read(&reader))
        }
        return result
    }

    /// The rows of a table with a pending column, each with its marker.
    private func readMarked<Value>(_ mapping: TableMapping<Value>) throws(StoreError)
        -> [StoredEntries.Marked<Value>]
    {
        let rows: [[SQLiteValue]]
        do throws(SQLiteError) {
            rows = try self.rows(mapping.select())
        } catch {
            throw Self.mapped(error)
        }
        var result: [StoredEntries.Marked<Value>] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            var reader = RowReader(table: mapping.table, row: row)
            let value = try mapping.read(&reader)
            let pending: OperationID? = try reader.optionalIdentifier()
            result.append(StoredEntries.Marked(value: value, pending: pending))
        }
        return result
    }

    /// The entries `operation` marks, children first (bricks, volumes, devices, nodes).
    func entries(pendingFor operation: OperationID) throws(StoreError) -> [StoreEntry] {
        let id: [SQLiteValue] = [.text(operation.description)]
        func ids<Kind>(_ table: String, _ make: (Identifier<Kind>) -> StoreEntry) throws(StoreError) -> [StoreEntry] {
            let rows: [[SQLiteValue]]
            do throws(SQLiteError) {
                rows = try self.rows("SELECT id FROM \(table) WHERE pending = ? ORDER BY id", id)
            } catch {
                throw Self.mapped(error)
            }
            var entries: [StoreEntry] = []
            for row in rows {
                var reader = RowReader(table: table, row: row)
                entries.append(make(try reader.identifier()))
            }
            return entries
        }
        return try ids("bricks", StoreEntry.brick) + ids("volumes", StoreEntry.volume)
            + ids("devices", StoreEntry.device) + ids("nodes", StoreEntry.node)
    }
}

extension StoreDatabase {
    /// Every hold, with the type of the operation that holds it.
    func readHolds() throws(StoreError) -> HoldTable {
        let rows: [[SQLiteValue]]
        do throws(SQLiteError) {
            rows = try self.rows(
                """
                SELECT holds.entry, holds.operation_id, holds.exclusive, operations.type
                FROM holds JOIN operations ON operations.id = holds.operation_id
                ORDER BY operations.created_at, holds.operation_id, holds.entry
                """)
        } catch {
            throw Self.mapped(error)
        }
        var holds: [RecordedHold] = []
        for row in rows {
            var reader = RowReader(table: "holds", row: row)
            let key = try reader.text()
            let operation: OperationID = try reader.identifier()
            let exclusive = try reader.bool()
            let type = OperationType(rawValue: try reader.text())
            guard let entry = StoreEntry(key: key) else {
                throw .corruptRow(table: "holds", id: key, problem: "not an entry key")
            }
            holds.append(RecordedHold(hold: ObjectHold(entry, exclusive ? .exclusive : .shared), operation: operation, type: type))
        }
        return HoldTable(holds)
    }
}
