internal import CommandExecutor
internal import Configuration
internal import EventLog
internal import Foundation
internal import StorageModel
internal import Store
internal import StoreRecords
internal import YAML

/// `brickyard observe`: what the nodes of the stored topology actually hold (peers, LVM, brick mounts and
/// directories, gluster volumes), gathered through the configured executor and printed as JSON or YAML.
struct ObserveCommand {
    static let help = """
        usage: brickyard observe [--config FILE] [--db PATH] [--executor local|ssh|kubectl] [--output json|yaml]

        Asks every node of the topology in the database what it holds: gluster peers, LVM physical volumes,
        volume groups and logical volumes, brick mounts, brick directories on directory devices, and the gluster
        volumes with their bricks and options. Nothing is changed. A node that cannot be reached is listed with
        its error. The configuration is read as `serve` reads it.

        example: brickyard observe --config /etc/brickyard/brickyard.json --output yaml
        """

    var tool: ToolConfiguration
    var output: String

    init(arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: [])
        self.tool = ToolConfiguration(&list)
        self.output = try list.choice("output", default: "json", from: ["json", "yaml"])
        try list.finish()
    }

    func run(emit: (String) -> Void, errors: (String) -> Void) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let configuration: ServerConfiguration
        switch self.tool.resolve(environment: environment) {
        case .success(let resolved): configuration = resolved
        case .failure(let error):
            errors("brickyard observe: \(error.description)")
            return 1
        }
        let log = Logger(minimumLevel: .warning).with(("component", "observe"))
        guard let executor = ExecutorFactory.commandExecutor(configuration, environment: environment, log: log) else {
            errors("brickyard observe: the mock executor has no nodes to look at; use --executor local, ssh or kubectl")
            return 2
        }
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else {
            errors("brickyard observe: no database at \(configuration.databasePath) (give --db or glusterfs.db)")
            return 1
        }
        let result = AsyncBridge.wait { () async -> Result<ObservedState, StoreError> in
            do throws(StoreError) {
                let store = try SQLiteStore(path: configuration.databasePath)
                return .success(await executor.observe(try await store.topology(includingPending: false)))
            } catch {
                return .failure(error)
            }
        }
        let state: ObservedState
        switch result {
        case .success(let observed): state = observed
        case .failure(let error):
            errors("brickyard observe: cannot read the database \(configuration.databasePath): \(error)")
            return 1
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(state) else {
            errors("brickyard observe: cannot encode the observation")
            return 1
        }
        if self.output == "yaml" {
            do throws(YAMLError) {
                emit(try YAMLEmitter.emit([try YAMLNode(json: json)]))
            } catch {
                errors("brickyard observe: \(error)")
                return 1
            }
        } else {
            emit(String(decoding: json, as: UTF8.self))
        }
        return state.nodes.allSatisfy(\.errors.isEmpty) ? 0 : 1
    }
}
