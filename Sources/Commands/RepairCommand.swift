internal import CommandExecutor
internal import Configuration
internal import EventLog
internal import Executor
internal import Foundation
internal import Operations
internal import Planning
internal import StorageModel
internal import Store
internal import StoreRecords

/// `brickyard repair`: clears what `GET /db/check` reports, by asking the nodes what is really there.
///
/// Run it with the server stopped, like `recover` and `apply`: it finishes interrupted operations first, then
/// decides with `StoreRepair` and carries the decision out as one journaled operation.
struct RepairCommand {
    static let help = """
        usage: brickyard repair [--config FILE] [--db PATH] [--executor local|ssh|kubectl|mock] [--dry-run]
                                [--output text|json]

        Checks the database against itself (as GET /db/check does), looks at the nodes, and clears the damage:
        a volume marked by an operation that has finished is shown again when Gluster still has it, and forgotten
        with its bricks when Gluster does not (bricks still on a node are destroyed first); a stray brick no Gluster
        volume uses is destroyed and forgotten; a node or device left half added is forgotten; a volume whose
        recorded size is not what its brick sets hold takes their size. A brick Gluster uses but the database does
        not list is left alone and reported. Every node must answer, or nothing is changed.
        Interrupted operations are finished first. Run it while the server is stopped.
        --dry-run prints what would be done and changes nothing (exit 2 when there is something to do).

        example: brickyard repair --config /etc/brickyard/brickyard.json --dry-run
        """

    var tool: ToolConfiguration
    var dryRun: Bool
    var output: String

    init(arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: ["dry-run"])
        self.tool = ToolConfiguration(&list)
        self.dryRun = list.flag("dry-run")
        self.output = try list.choice("output", default: "text", from: ["text", "json"])
        try list.finish()
    }

    /// What one run found and did, for `--output json`.
    struct Report: Encodable {
        var problems: [String]
        var actions: [String]
        var unresolved: [String]
        var repaired: Bool
        var remaining: [String]
    }

    func run(emit: (String) -> Void, errors: (String) -> Void) -> Int32 {
        func fail(_ message: String) -> Int32 {
            errors("brickyard repair: \(message)")
            return 1
        }
        let environment = ProcessInfo.processInfo.environment
        let configuration: ServerConfiguration
        switch self.tool.resolve(environment: environment) {
        case .success(let resolved): configuration = resolved
        case .failure(let error): return fail(error.description)
        }
        let log = Logger(minimumLevel: .warning).with(("component", "repair"))
        let lock: DatabaseLock?
        do throws(ServeCommand.StartupError) {
            try DatabaseFile.checkIsSQLite(configuration.databasePath)
            lock = self.dryRun ? nil : try DatabaseLock.acquire(database: configuration.databasePath, command: "repair")
        } catch {
            return fail(error.message)
        }
        defer { withExtendedLifetime(lock) {} }
        let store: SQLiteStore
        let engine: OperationEngine
        let executor: any NodeExecutor
        do {
            store = try SQLiteStore(path: configuration.databasePath)
            engine = try DesiredStateCommand.engine(
                store: store, configuration: configuration, environment: environment, log: log)
            executor = try ExecutorFactory.make(configuration, environment: environment, log: log)
        } catch let error as ServeCommand.StartupError {
            return fail(error.message)
        } catch {
            return fail("cannot open the database \(configuration.databasePath): \(error)")
        }
        let inventory: @Sendable (Topology) async -> Result<NodeInventory, RepairError>
        if let commands = executor as? CommandExecutor {
            inventory = { topology in
                let observed = await commands.observe(topology)
                if let node = observed.nodes.first(where: { !$0.errors.isEmpty }) {
                    return .failure(RepairError("node \(node.host) did not answer: \(node.errors.joined(separator: "; "))"))
                }
                guard observed.volumesFrom != nil else {
                    return .failure(RepairError("not every trusted pool answered for its volumes"))
                }
                return .success(NodeInventory(observed: observed))
            }
        } else if let path = environment["BRICKYARD_MOCK_STATE"] {
            inventory = { _ in
                guard let state = MockExecutor.savedState(at: path) else {
                    return .failure(RepairError("the mock's nodes in \(path) cannot be read"))
                }
                return .success(NodeInventory(
                    bricks: state.bricks,
                    volumes: Dictionary(uniqueKeysWithValues: state.volumes.map { ($0, state.volumeBricks[$0] ?? []) })))
            }
        } else {
            errors("brickyard repair: the mock executor keeps no nodes to compare with; use --executor local, ssh or kubectl")
            return 2
        }
        let dryRun = self.dryRun
        let outcome = AsyncBridge.wait { () async -> Result<(Report, Topology), RepairError> in
            await Self.repair(store: store, engine: engine, inventory: inventory, dryRun: dryRun)
        }
        switch outcome {
        case .failure(let error):
            return fail(error.message)
        case .success(let (report, _)):
            if self.output == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                emit(String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self))
            } else {
                Self.print(report, dryRun: dryRun, emit: emit)
            }
            if report.problems.isEmpty { return 0 }
            if dryRun { return report.actions.isEmpty ? (report.unresolved.isEmpty ? 0 : 1) : 2 }
            return report.remaining.isEmpty ? 0 : 1
        }
    }

    struct RepairError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func repair(
        store: SQLiteStore, engine: OperationEngine,
        inventory: @Sendable (Topology) async -> Result<NodeInventory, RepairError>, dryRun: Bool
    ) async -> Result<(Report, Topology), RepairError> {
        do throws(StoreError) {
            if !dryRun {
                _ = try await engine.recover()
                await engine.waitUntilIdle()
            }
            let problems = try await store.check()
            let topology = try await store.topology(includingPending: true)
            var report = Report(problems: problems.map(\.description), actions: [], unresolved: [], repaired: false, remaining: [])
            guard !problems.isEmpty else { return .success((report, topology)) }
            let nodes: NodeInventory
            switch await inventory(topology) {
            case .success(let value): nodes = value
            case .failure(let error): return .failure(RepairError("nothing was changed: \(error.message)"))
            }
            let repair = StoreRepair.plan(problems: problems, topology: topology, nodes: nodes)
            report.actions = repair.lines(in: topology)
            report.unresolved = repair.unresolved
            guard !dryRun, !repair.isEmpty else { return .success((report, topology)) }
            let operation: OperationID
            do throws(OperationError) {
                operation = try await engine.repair(repair)
            } catch {
                return .failure(RepairError("nothing was changed: \(error)"))
            }
            await engine.wait(for: operation)
            let record = try await store.operation(operation)
            report.repaired = record?.status == .succeeded
            report.remaining = try await store.check().map(\.description)
            if !report.repaired {
                report.remaining.insert("the repair failed: \(record?.result ?? "no result recorded")", at: 0)
            }
            return .success((report, topology))
        } catch {
            return .failure(RepairError("cannot read the database: \(error)"))
        }
    }

    static func print(_ report: Report, dryRun: Bool, emit: (String) -> Void) {
        guard !report.problems.isEmpty else {
            emit("Nothing to repair: the database is consistent.")
            return
        }
        emit("Found \(Plural.count(report.problems.count, "problem")):")
        for problem in report.problems { emit("  \(problem)") }
        if !report.actions.isEmpty {
            emit(dryRun ? "Would:" : "Did:")
            for action in report.actions { emit("  \(action)") }
        }
        for line in report.unresolved { emit("! left alone: \(line)") }
        guard !dryRun else { return }
        if report.remaining.isEmpty {
            emit("Repaired: the database is consistent.")
        } else {
            emit("Still \(Plural.count(report.remaining.count, "problem")):")
            for line in report.remaining { emit("  \(line)") }
        }
    }
}
