import StorageModel
import StoreRecords
import Testing

@testable import Store

/// Every mapping reads back exactly what it wrote, and builds the SQL its columns describe.
@Suite struct TablesTests {
    private func roundTrip<Value: Equatable>(_ mapping: TableMapping<Value>, _ value: Value) throws -> Value {
        var reader = RowReader(table: mapping.table, row: try mapping.values(value))
        return try mapping.read(&reader)
    }

    @Test func modelValuesSurviveTheirRows() throws {
        let sample = SampleCluster()
        #expect(try self.roundTrip(Tables.clusters, sample.cluster) == sample.cluster)
        #expect(try self.roundTrip(Tables.nodes, sample.nodes[2]) == sample.nodes[2])
        #expect(try self.roundTrip(Tables.devices, sample.devices[0]) == sample.devices[0])
        #expect(try self.roundTrip(Tables.bricks, sample.bricks[2]) == sample.bricks[2])
        #expect(try self.roundTrip(Tables.volumes, sample.volume) == sample.volume)
        var disperse = sample.volume
        disperse.durability = .disperse(data: 4, redundancy: 2)
        disperse.gid = nil
        disperse.snapshot = .disabled
        #expect(try self.roundTrip(Tables.volumes, disperse) == disperse)
        let record = OperationRecord(
            id: OperationID(high: 1, low: 2), type: .volumeExpand, status: .failed, intent: "{}", result: "no space",
            createdAt: .init(seconds: 5), updatedAt: .init(seconds: 6), finishedAt: .init(seconds: 6))
        #expect(try self.roundTrip(Tables.operations, record) == record)
        let entry = JournalEntry(
            operation: record.id, step: 3, action: "[]", state: .undone, detail: "why", updatedAt: .init(seconds: 9))
        #expect(try self.roundTrip(Tables.journal, entry) == entry)
    }

    @Test func aDeviceRowDoesNotStoreUsage() throws {
        var device = SampleCluster().devices[0]
        device.used = .gibibytes(3)
        #expect(try self.roundTrip(Tables.devices, device).used == .zero)
    }

    @Test func sqlFollowsTheColumnList() {
        #expect(
            Tables.clusters.insert
                == "INSERT INTO clusters (id, allows_file_volumes, allows_block_volumes) VALUES (?, ?, ?)")
        #expect(
            Tables.clusters.update
                == "UPDATE clusters SET allows_file_volumes = ?2, allows_block_volumes = ?3 WHERE id = ?1")
        #expect(
            Tables.devices.select()
                == "SELECT id, node_id, name, tags, state, total, backend, size_enforced, pending FROM devices ORDER BY id")
        #expect(
            Tables.journal.select(where: "operation_id = ?", orderBy: "step")
                == "SELECT operation_id, step, action, state, detail, updated_at FROM journal"
                + " WHERE operation_id = ? ORDER BY step")
    }

    @Test func unreadableRowsAreReportedWithTheirTableAndID() throws {
        var row = try Tables.nodes.values(SampleCluster().nodes[0])
        row[6] = row[0]  // an ID where the state belongs
        var reader = RowReader(table: "nodes", row: row)
        #expect {
            _ = try Tables.nodes.read(&reader)
        } throws: { error in
            guard case .corruptRow(let table, let id, _)? = error as? StoreError else { return false }
            return table == "nodes" && id == SampleCluster().nodes[0].id.description
        }
    }
}
