internal import Configuration
internal import Foundation
internal import HeketiImport
internal import StorageModel
internal import Store

/// `brickyard import-heketi`: moves a Heketi cluster's records into a new Brickyard database, ids kept, so that
/// Brickyard takes over the bricks, LVs and volumes Heketi built without touching any of them.
struct ImportHeketiCommand {
    static let help = """
        usage: brickyard import-heketi FILE [--config FILE] [--db PATH] [--output text|json]

        Reads FILE, the JSON that `heketi db export` writes, and records its clusters, nodes, devices, volumes and
        bricks in the database with Heketi's ids, sizes, brick paths and volume options. Every reference in the
        export is checked first; one problem stops the import and nothing is written. The database must be new
        or empty. Brick sets are taken from brick sizes and placement, since Heketi does not record them; where
        that is a guess, a note says so. Nothing on the nodes is run or changed.

        example: heketi db export --dbfile /var/lib/heketi/heketi.db --jsonfile heketi.json
                 brickyard import-heketi heketi.json --db /var/lib/brickyard/brickyard.db
        """

    var file: String
    var configPath: String?
    var overrides: CommandLineOverrides
    var output: String

    init(arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments)
        self.configPath = list.string("config")
        self.overrides = CommandLineOverrides(databasePath: list.string("db"), disableAuth: true)
        self.output = try list.choice("output", default: "text", from: ["text", "json"])
        try list.finish(maximumPositionals: 1)
        guard let file = list.positionals.first else {
            throw UsageError("import-heketi needs the file `heketi db export` wrote (brickyard import-heketi FILE)")
        }
        self.file = file
    }

    func run(emit: (String) -> Void, errors: (String) -> Void) -> Int32 {
        func fail(_ message: String) -> Int32 {
            errors("brickyard import-heketi: \(message)")
            return 1
        }
        let configuration: ServerConfiguration
        do throws(ConfigurationError) {
            let file = try self.configPath.map { path throws(ConfigurationError) in
                try ConfigurationFile.load(path: path)
            }
            configuration = try ServerConfiguration.resolve(
                file: file, environment: ProcessInfo.processInfo.environment, overrides: self.overrides
            ).0
        } catch {
            return fail(error.description)
        }
        guard let data = FileManager.default.contents(atPath: self.file) else {
            return fail("cannot read \(self.file)")
        }
        let imported: ImportedTopology
        do throws(HeketiImportError) {
            imported = try HeketiExportConverter.convert(data)
        } catch {
            return fail("\(self.file): \(error)")
        }
        let path = configuration.databasePath
        do throws(ServeCommand.StartupError) {
            try DatabaseFile.checkIsSQLite(path)
        } catch {
            return fail(error.message)
        }
        let existed = FileManager.default.fileExists(atPath: path)
        let outcome = AsyncBridge.wait { () async -> Result<Int, StoreError> in
            do throws(StoreError) {
                let store = try SQLiteStore(path: path)
                let held = try await Self.entriesHeld(by: store)
                if held == 0 { try await store.commit(Self.changes(for: imported)) }
                return .success(held)
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let held) where held > 0:
            return fail("the database \(path) already holds \(held) entries; import only into a new database")
        case .success:
            break
        case .failure(let error):
            if !existed { Self.remove(database: path) }
            return fail("nothing was imported into \(path): \(error)")
        }
        emit(self.output == "json" ? Self.json(imported, database: path) : Self.text(imported, database: path))
        return 0
    }

    /// Topology entries and operations: anything at all means another cluster's records, which an import must
    /// never merge with.
    private static func entriesHeld(by store: SQLiteStore) async throws(StoreError) -> Int {
        let topology = try await store.topology(includingPending: true)
        let operations = try await store.operations(status: nil)
        return topology.clusters.count + topology.nodes.count + topology.devices.count + topology.volumes.count
            + topology.bricks.count + operations.count
    }

    /// Parents before children, as the store's foreign keys require; committed as one transaction.
    static func changes(for imported: ImportedTopology) -> [StoreChange] {
        imported.clusters.map { StoreChange.insertCluster($0) }
            + imported.nodes.map { StoreChange.insertNode($0) }
            + imported.devices.map { StoreChange.insertDevice($0) }
            + imported.volumes.map { StoreChange.insertVolume($0) }
            + imported.bricks.map { StoreChange.insertBrick($0) }
    }

    /// A database this command created and could not fill is removed, so a retry starts from nothing.
    private static func remove(database path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private static func counts(_ imported: ImportedTopology) -> KeyValuePairs<String, Int> {
        [
            "clusters": imported.clusters.count, "nodes": imported.nodes.count, "devices": imported.devices.count,
            "volumes": imported.volumes.count, "bricks": imported.bricks.count,
        ]
    }

    static func text(_ imported: ImportedTopology, database: String) -> String {
        let counts = Self.counts(imported).map { "\($0.value) \($0.value == 1 ? String($0.key.dropLast()) : $0.key)" }
        var lines = ["Imported into \(database): \(counts.joined(separator: ", "))."]
        lines += imported.notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The summary for scripts: counts per kind, the database, and the notes.
    struct Summary: Encodable {
        var database: String
        var clusters, nodes, devices, volumes, bricks: Int
        var notes: [String]
    }

    static func json(_ imported: ImportedTopology, database: String) -> String {
        OutputFormat.json(
            Summary(
                database: database, clusters: imported.clusters.count, nodes: imported.nodes.count,
                devices: imported.devices.count, volumes: imported.volumes.count, bricks: imported.bricks.count,
                notes: imported.notes.map(\.description)))
    }
}
