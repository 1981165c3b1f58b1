internal import Configuration
internal import DesiredState
internal import EventLog
internal import Executor
internal import Foundation
internal import Operations
internal import Controller
internal import Planning
internal import ReconcilePlanning
internal import StorageModel
internal import Store
internal import StoreRecords

/// `brickyard plan` and `brickyard apply`: desired state from a directory of documents, diffed against the store
/// the configuration names, shown as a plan or carried out through the engine.
struct DesiredStateCommand {
    enum Mode {
        case plan
        case apply
    }

    static let planHelp = """
        usage: brickyard plan --desired DIR [--config FILE] [--db PATH] [--prune] [--output text|json|yaml]

        Reads every .yaml, .yml and .json document under DIR (Heketi's topology.json, and `kind: VolumeClaim`
        documents) and prints what `apply` would change: + to add, ~ to change, - to delete, then notices
        (differences left alone) and refusals (requests that cannot be carried out, such as shrinking). Each
        volume creation and expansion is placed against the store as it is (nothing reserved); one that would
        not fit says `would fail: ...`. Exit code: 0 when nothing is to be done, 2 when changes are pending, 1 on
        error, a refusal or a step that would fail. The JSON (and YAML) form is an object whose `actions` array
        lists the pending actions, each with `wouldFail` when it would.

        example: brickyard plan --desired ./storage --config /etc/brickyard/brickyard.json
        """

    static let applyHelp = """
        usage: brickyard apply --desired DIR [--config FILE] [--db PATH] [--executor mock|local|ssh|kubectl] [--prune]

        Plans as `brickyard plan` does, then carries each step out through the same engine as the REST API
        (journaled; a crash is recovered at the next start), printing each step's result and a summary. A volume
        whose claim was removed is deleted only with --prune, or when its claim said `deletionPolicy: Delete`.
        Steps are grouped by object (a cluster with its nodes and devices, each volume): objects proceed in parallel,
        topology before volumes, and a failed step skips the later steps of its object only. Exit 1 when any
        step failed. One writer per database: an apply against a database a running `serve` holds is refused
        (point the server at the documents with --desired instead).

        example: brickyard apply --desired ./storage --config /etc/brickyard/brickyard.json --prune
        """

    let mode: Mode
    var desired: String
    var tool: ToolConfiguration
    var prune: Bool
    var output: String

    init(_ mode: Mode, arguments: [String]) throws(UsageError) {
        self.mode = mode
        var list = try ArgumentList(arguments, flagNames: ["prune"])
        guard let desired = list.string("desired") else { throw UsageError("--desired DIR is required") }
        self.desired = desired
        self.tool = ToolConfiguration(&list, withExecutor: mode == .apply)
        self.prune = list.flag("prune")
        self.output = mode == .plan ? try list.choice("output", default: "text", from: ["text", "json", "yaml"]) : "text"
        try list.finish()
    }

    func run(emit: (String) -> Void, errors: (String) -> Void) -> Int32 {
        let name = self.mode == .plan ? "plan" : "apply"
        let environment = ProcessInfo.processInfo.environment
        let state: DesiredState
        let configuration: ServerConfiguration
        do throws(DesiredStateError) {
            state = try DesiredStateDirectory.load(self.desired)
        } catch {
            errors("brickyard \(name): \(error)")
            return 1
        }
        switch self.tool.resolve(environment: environment) {
        case .success(let resolved): configuration = resolved
        case .failure(let error):
            errors("brickyard \(name): \(error.description)")
            return 1
        }
        do throws(ServeCommand.StartupError) {
            try DatabaseFile.checkIsSQLite(configuration.databasePath)
        } catch {
            errors("brickyard \(name): \(error.message)")
            return 1
        }
        let store: SQLiteStore
        do throws(StoreError) {
            store = try SQLiteStore(path: configuration.databasePath)
        } catch {
            errors("brickyard \(name): cannot open the database \(configuration.databasePath): \(error)")
            return 1
        }
        // An apply first finishes what an interrupted one left (rolls creations back, carries removals through),
        // so it plans against a store with nothing half done.
        var engine: OperationEngine?
        var lock: DatabaseLock?
        defer { withExtendedLifetime(lock) {} }
        if self.mode == .apply {
            do throws(ServeCommand.StartupError) {
                lock = try DatabaseLock.acquire(database: configuration.databasePath, command: "apply")
            } catch {
                errors("brickyard apply: \(error.message)")
                return 1
            }
            let log = Logger(minimumLevel: .warning).with(("component", "apply"))
            do throws(ServeCommand.StartupError) {
                engine = try Self.engine(store: store, configuration: configuration, environment: environment, log: log)
            } catch {
                errors("brickyard apply: \(error.message)")
                return 1
            }
            let recovered = AsyncBridge.wait { [engine] () async -> Result<Int, StoreError> in
                guard let engine else { return .success(0) }
                do throws(StoreError) {
                    let count = try await engine.recover()
                    await engine.waitUntilIdle()
                    return .success(count)
                } catch {
                    return .failure(error)
                }
            }
            switch recovered {
            case .success(let count) where count > 0:
                emit("Recovered \(Plural.count(count, "interrupted operation")) first.")
            case .success: break
            case .failure(let error):
                errors("brickyard apply: recovering interrupted operations failed: \(error)")
                return 1
            }
        }
        let planner = ReconcilePlanner(prune: self.prune)
        let planned = AsyncBridge.wait { () async -> Result<(ReconcilePlan, Topology), StoreError> in
            do throws(StoreError) {
                let topology = try await store.topology(includingPending: false)
                return .success((planner.plan(state, against: topology), topology))
            } catch {
                return .failure(error)
            }
        }
        let plan: ReconcilePlan
        let topology: Topology
        switch planned {
        case .success(let value): (plan, topology) = value
        case .failure(let error):
            errors("brickyard \(name): cannot read the database: \(error)")
            return 1
        }
        switch self.mode {
        case .plan:
            let wouldFail = PlanCapacityCheck(settings: Self.settings(configuration)).failures(of: plan, against: topology)
            switch self.output {
            case "json": emit(PlanRendering.json(plan, wouldFail: wouldFail))
            case "yaml": emit(OutputFormat.yaml(fromJSON: Data(PlanRendering.json(plan, wouldFail: wouldFail).utf8)))
            default: emit(PlanRendering.text(plan, wouldFail: wouldFail))
            }
            if !plan.refusals.isEmpty || !wouldFail.isEmpty { return 1 }
            return plan.isEmpty ? 0 : 2
        case .apply:
            guard let engine else { return 1 }
            return self.apply(plan, engine: engine, emit: emit, errors: errors)
        }
    }

    private func apply(
        _ plan: ReconcilePlan, engine: OperationEngine, emit: (String) -> Void, errors: (String) -> Void
    ) -> Int32 {
        guard plan.refusals.isEmpty else {
            for refusal in plan.refusals { errors("brickyard apply: refused: \(refusal)") }
            errors("brickyard apply: nothing was changed")
            return 1
        }
        for notice in plan.notices { emit("! \(notice)") }
        guard !plan.isEmpty else {
            emit("Nothing to do: the store matches the documents.")
            return 0
        }
        let log = Logger(minimumLevel: .warning).with(("component", "apply"))
        let lines = LineSink()
        let results = AsyncBridge.wait { () async -> [ReconcileApplier.StepResult] in
            await ReconcileApplier(engine: engine, log: log).apply(plan) { result in
                let seconds = Double(result.duration.components.seconds)
                    + Double(result.duration.components.attoseconds) / 1e18
                let mark = result.succeeded ? "done" : result.skipped ? "SKIPPED" : "FAILED"
                lines.add("\(result.step.description)  [\(mark) in \(String(format: "%.1f", seconds)) s]"
                    + (result.succeeded ? "" : ": \(result.message)"))
            }
        }
        let done = results.filter(\.succeeded).count
        if done == plan.steps.count {
            emit("Apply complete: \(done) of \(Plural.count(plan.steps.count, "step")). \(plan.summary.dropFirst(6))")
            return 0
        }
        let skipped = results.filter(\.skipped).count
        let failed = results.count - done - skipped
        errors(
            "brickyard apply: \(done) of \(Plural.count(plan.steps.count, "step")) done, \(failed) failed, \(skipped) skipped: "
                + (results.last?.message ?? ""))
        return 1
    }
}

extension DesiredStateCommand {
    /// The engine an apply runs its steps through, with the executor the configuration names.
    static func engine(
        store: SQLiteStore, configuration: ServerConfiguration, environment: [String: String], log: Logger
    ) throws(ServeCommand.StartupError) -> OperationEngine {
        let executor = try ExecutorFactory.make(configuration, environment: environment, log: log)
        return OperationEngine(store: store, executor: executor, settings: Self.settings(configuration), log: log)
    }

    /// The engine's settings from the configuration: the same placement rules for `plan`'s check as for `apply`.
    static func settings(_ configuration: ServerConfiguration) -> EngineSettings {
        EngineSettings(
            allocationPolicy: configuration.allocationPolicy,
            preRequestVolumeOptions: configuration.preRequestVolumeOptions,
            postRequestVolumeOptions: configuration.postRequestVolumeOptions,
            maxInflightOperations: configuration.maxInflightOperations,
            mountRoot: configuration.brickMountRoot)
    }
}

/// Progress lines written to standard output as each step ends (the command line's own thread is waiting).
private struct LineSink: Sendable {
    func add(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
