import TestSupport
import SQLite
import StorageModel
import Testing

@testable import Store

/// A database written before devices knew their backend opens with every device on LVM, sizes enforced.
@Suite struct SchemaUpgradeTests {
    @Test func versionOneDevicesBecomeLVMDevices() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("brickyard.db")
        let cluster = String(repeating: "c", count: 32)
        let node = String(repeating: "a", count: 32)
        let device = String(repeating: "d", count: 32)
        do {
            let connection = try SQLiteConnection(path: path)
            try connection.execute("PRAGMA foreign_keys = ON")
            try connection.execute(StoreSchema.migrations[0].sql)
            try connection.execute(
                """
                INSERT INTO clusters (id, allows_file_volumes, allows_block_volumes) VALUES ('\(cluster)', 1, 0);
                INSERT INTO nodes (id, cluster_id, zone, manage_hostname, storage_hostname, tags, state)
                    VALUES ('\(node)', '\(cluster)', 1, 'node1', '10.0.0.1', '{}', 'online');
                INSERT INTO devices (id, node_id, name, tags, state, total)
                    VALUES ('\(device)', '\(node)', '/dev/sdb', '{}', 'online', 1073741824);
                PRAGMA user_version = 1;
                """)
        }
        let store = try SQLiteStore(path: path)
        let upgraded = try #require(try await store.topology().devices[DeviceID(parsing: device)])
        #expect(upgraded.backend == .lvm)
        #expect(upgraded.sizeEnforced)
        #expect(upgraded.total == .gibibytes(1))
    }
}
