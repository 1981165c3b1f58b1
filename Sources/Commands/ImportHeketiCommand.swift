internal import Configuration
internal import Foundation
internal import HeketiImport
internal import StorageModel

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
        let lock: DatabaseLock?
        do throws(ServeCommand.StartupError) {
            try DatabaseFile.checkIsSQLite(path)
            lock = try DatabaseLock.acquire(database: path, command: "import-heketi")
        } catch {
            return fail(error.message)
        }
        defer { withExtendedLifetime(lock) {} }
        switch StoreSeeding.seed(imported, path: path) {
        case .seeded: break
        case .refused(let held):
            return fail(
                "the database \(path) already holds \(Plural.count(held, "entry", plural: "entries")); "
                    + "import only into a new database")
        case .failed(let error):
            return fail("nothing was imported into \(path): \(error)")
        }
        emit(
            self.output == "json"
                ? StoreSeeding.json(imported, database: path)
                : StoreSeeding.text(imported, verb: "Imported into", database: path))
        return 0
    }
}
