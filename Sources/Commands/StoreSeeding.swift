internal import Foundation
internal import HeketiImport
internal import StorageModel
internal import Store
internal import StoreRecords

/// Filling a new database in one transaction, shared by `import-heketi` and `recover`: both bring in a whole
/// cluster's records, which must never be merged with records already there.
enum StoreSeeding {
    /// How seeding ended.
    enum Outcome {
        case seeded
        /// The database already held this many entries; nothing was written.
        case refused(held: Int)
        case failed(StoreError)
    }

    /// Writes `topology` into the database at `path` if it holds nothing; a database this call created and
    /// could not fill is removed, so a retry starts from nothing.
    static func seed(_ topology: ImportedTopology, path: String) -> Outcome {
        let existed = FileManager.default.fileExists(atPath: path)
        let outcome = AsyncBridge.wait { () async -> Result<Int, StoreError> in
            do throws(StoreError) {
                let store = try SQLiteStore(path: path)
                let held = try await Self.entriesHeld(by: store)
                if held == 0 { try await store.commit(Self.changes(for: topology)) }
                return .success(held)
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let held) where held > 0: return .refused(held: held)
        case .success: return .seeded
        case .failure(let error):
            if !existed { Self.remove(database: path) }
            return .failed(error)
        }
    }

    /// Entries held by the database at `path` (0 when there is no file).
    static func entriesHeld(path: String) -> Result<Int, StoreError> {
        guard FileManager.default.fileExists(atPath: path) else { return .success(0) }
        return AsyncBridge.wait { () async -> Result<Int, StoreError> in
            do throws(StoreError) {
                return .success(try await Self.entriesHeld(by: try SQLiteStore(path: path)))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Topology entries and operations: anything at all means another cluster's records.
    private static func entriesHeld(by store: SQLiteStore) async throws(StoreError) -> Int {
        let topology = try await store.topology(includingPending: true)
        let operations = try await store.operations(status: nil)
        return topology.clusters.count + topology.nodes.count + topology.devices.count + topology.volumes.count
            + topology.bricks.count + operations.count
    }

    /// Parents before children, as the store's foreign keys require; committed as one transaction.
    static func changes(for topology: ImportedTopology) -> [StoreChange] {
        topology.clusters.map { StoreChange.insertCluster($0) }
            + topology.nodes.map { StoreChange.insertNode($0) }
            + topology.devices.map { StoreChange.insertDevice($0) }
            + topology.volumes.map { StoreChange.insertVolume($0) }
            + topology.bricks.map { StoreChange.insertBrick($0) }
    }

    private static func remove(database path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// `<verb> <database>: 1 cluster, 3 nodes, …` and one `note:` line per note.
    static func text(_ topology: ImportedTopology, verb: String, database: String) -> String {
        let counts = Self.counts(topology).map { "\($0.value) \($0.value == 1 ? String($0.key.dropLast()) : $0.key)" }
        var lines = ["\(verb) \(database): \(counts.joined(separator: ", "))."]
        lines += topology.notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The summary for scripts: counts per kind, the database, and the notes.
    struct Summary: Encodable {
        var database: String
        var clusters, nodes, devices, volumes, bricks: Int
        var notes: [String]
    }

    static func json(_ topology: ImportedTopology, database: String) -> String {
        OutputFormat.json(
            Summary(
                database: database, clusters: topology.clusters.count, nodes: topology.nodes.count,
                devices: topology.devices.count, volumes: topology.volumes.count, bricks: topology.bricks.count,
                notes: topology.notes.map(\.description)))
    }

    private static func counts(_ topology: ImportedTopology) -> KeyValuePairs<String, Int> {
        [
            "clusters": topology.clusters.count, "nodes": topology.nodes.count, "devices": topology.devices.count,
            "volumes": topology.volumes.count, "bricks": topology.bricks.count,
        ]
    }
}
