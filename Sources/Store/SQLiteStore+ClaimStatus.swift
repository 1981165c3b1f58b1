import SQLite
public import StoreRecords

/// The controller's claim statuses: one row per claim reference, written only when a status changes. Kept apart
/// from the topology (no pending markers, no operations) because it describes, and never decides.
extension SQLiteStore {
    public func saveClaimStatus(key: String, _ json: String) throws(StoreError) {
        do throws(SQLiteError) {
            _ = try self.database.run(
                "INSERT INTO claim_status (claim, status) VALUES (?, ?) ON CONFLICT (claim) DO UPDATE SET status = excluded.status",
                [.text(key), .text(json)])
        } catch {
            throw StoreDatabase.mapped(error)
        }
    }

    public func deleteClaimStatus(key: String) throws(StoreError) {
        do throws(SQLiteError) {
            _ = try self.database.run("DELETE FROM claim_status WHERE claim = ?", [.text(key)])
        } catch {
            throw StoreDatabase.mapped(error)
        }
    }

    public func claimStatuses() throws(StoreError) -> [String: String] {
        let rows: [[SQLiteValue]]
        do throws(SQLiteError) {
            rows = try self.database.rows("SELECT claim, status FROM claim_status ORDER BY claim")
        } catch {
            throw StoreDatabase.mapped(error)
        }
        var statuses: [String: String] = [:]
        for row in rows {
            var reader = RowReader(table: "claim_status", row: row)
            statuses[try reader.text()] = try reader.text()
        }
        return statuses
    }
}
