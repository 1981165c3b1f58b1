internal import CommandExecutor
internal import Controller
internal import DesiredState
internal import Configuration
internal import EventLog
internal import Foundation
internal import ReconcilePlanning
internal import StorageModel
internal import Store
internal import StoreRecords

/// `brickyard status`: per volume, node and device, Ready, Progressing or Degraded with a reason, from the store
/// and (with a real executor) from an observation of the nodes.
struct StatusCommand {
    static let help = """
        usage: brickyard status [--config FILE] [--db PATH] [--executor mock|local|ssh|kubectl] [--output text|json|yaml]

        Prints every volume, node and device with its phase: Ready, Progressing (an operation is changing it) or
        Degraded, with a reason and a message (a node offline or unreachable, a device failed, resized or
        smaller than the store records, a volume stopped, missing, with a brick offline or missing, an option
        changed), then every claim a controller (`serve --desired`) reconciles, as its last reconcile left it:
        Ready, Progressing, or Degraded with the last error and the next retry. With a real executor the nodes
        are observed first; nothing is changed. Exit code 0 when everything is Ready, 2 otherwise, 1 on error.
        The JSON (and YAML) form has `objects` and `claims`, each claim with Kubernetes-style `conditions`.

        example: brickyard status --config /etc/brickyard/brickyard.json
        """

    var tool: ToolConfiguration
    var output: String

    init(arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: [])
        self.tool = ToolConfiguration(&list)
        self.output = try list.choice("output", default: "text", from: ["text", "json", "yaml"])
        try list.finish()
    }

    func run(emit: (String) -> Void, errors: (String) -> Void) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let configuration: ServerConfiguration
        switch self.tool.resolve(environment: environment) {
        case .success(let resolved): configuration = resolved
        case .failure(let error):
            errors("brickyard status: \(error.description)")
            return 1
        }
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else {
            errors("brickyard status: no database at \(configuration.databasePath) (give --db or glusterfs.db)")
            return 1
        }
        let log = Logger(minimumLevel: .error).with(("component", "status"))
        let observer = ExecutorFactory.commandExecutor(configuration, environment: environment, log: log)
        let result = AsyncBridge.wait { () async -> Result<([ObjectStatus], [ClaimStatus]), StoreError> in
            do throws(StoreError) {
                let store = try SQLiteStore(path: configuration.databasePath)
                let visible = try await store.topology(includingPending: false)
                let full = try await store.topology(includingPending: true)
                var pending: Set<String> = []
                for entry in try await store.pendingMarkers().keys {
                    switch entry {
                    case .node(let id): pending.insert(id.description)
                    case .device(let id): pending.insert(id.description)
                    case .volume(let id): pending.insert(id.description)
                    case .brick(let id):
                        if let brick = full.bricks[id] { pending.insert(brick.volume.description) }
                    }
                }
                var findings: [DriftFinding]?
                if let observer {
                    findings = DriftDetector.findings(observed: await observer.observe(visible), topology: visible)
                }
                let claims = try await store.claimStatuses().values.compactMap(ClaimStatusRecord.decode)
                    .sorted { $0.claim < $1.claim }
                return .success((StatusReport.build(topology: visible, pending: pending, findings: findings), claims))
            } catch {
                return .failure(error)
            }
        }
        let statuses: [ObjectStatus]
        let claims: [ClaimStatus]
        switch result {
        case .success(let value): (statuses, claims) = value
        case .failure(let error):
            errors("brickyard status: cannot read the database \(configuration.databasePath): \(error)")
            return 1
        }
        switch self.output {
        case "json", "yaml":
            struct Document: Encodable {
                var objects: [ObjectStatus]
                var claims: [ClaimStatus]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = (try? encoder.encode(Document(objects: statuses, claims: claims))) ?? Data()
            emit(self.output == "json" ? String(decoding: json, as: UTF8.self) : OutputFormat.yaml(fromJSON: json))
        default:
            emit(Self.table(statuses + claims.map(Self.row)))
        }
        let ready = statuses.allSatisfy { $0.phase == .ready } && claims.allSatisfy { $0.phase == .ready }
        return ready ? 0 : 2
    }

    /// A claim as a row of the table: its phase's condition says why, and a failing claim when it is retried.
    static func row(_ claim: ClaimStatus) -> ObjectStatus {
        let condition = claim.condition(claim.phase)
        var message = condition?.message ?? ""
        if let retry = claim.nextRetry {
            message += " (retried at \(Date(timeIntervalSince1970: TimeInterval(retry)).ISO8601Format()))"
        }
        return ObjectStatus(
            kind: "claim", name: claim.claim.description, id: claim.volume ?? "", phase: claim.phase,
            reason: claim.phase == .ready ? "" : condition?.reason ?? "", message: claim.phase == .ready ? "" : message)
    }

    /// Aligned columns: KIND NAME PHASE REASON MESSAGE.
    static func table(_ statuses: [ObjectStatus]) -> String {
        guard !statuses.isEmpty else { return "No volumes, nodes or devices." }
        let rows = [["KIND", "NAME", "PHASE", "REASON", "MESSAGE"]]
            + statuses.map { [$0.kind, $0.name, $0.phase.rawValue, $0.reason, $0.message] }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<4).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[4]
        }.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }
}
