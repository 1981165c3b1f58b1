import SQLite
public import StorageModel
public import StoreRecords

/// `GET /db/check`: the stored entries, holds and the operations they name, read in one snapshot and checked.
extension SQLiteStore {
    public func check() throws(StoreError) -> [ConsistencyProblem] {
        try self.database.snapshot { () throws(StoreError) -> [ConsistencyProblem] in
            let entries = try self.database.readEntries()
            let holds = try self.database.readHolds()
            let named = Set(entries.pendingMarkers.values).union(holds.holds.map(\.operation))
            var statuses: [OperationID: OperationStatus] = [:]
            for operation in named.sorted() {
                if let record = try self.database.read(Tables.operations, where: "id = ?", [.text(operation.description)]).first {
                    statuses[operation] = record.status
                }
            }
            return ConsistencyCheck(entries: entries, holds: holds, statuses: statuses).problems()
        }
    }
}
