internal import Client
internal import Foundation
internal import HeketiAPI

/// `brickyard server operations info|list|cleanup`, `server mode get|set` (and Brickyard's older spelling
/// `server admin state get|set`), and `server state examine gluster`.
struct ServerCommand: ClientAction {
    static let help = ResourceHelp(
        name: "server",
        summary: "The server itself: its operations, its administrative mode, and how its state matches the nodes.",
        verbs: [
            VerbHelp(
                name: "operations info", usage: "[OPERATION-ID]",
                summary: "Counts the operations the server holds: unfinished, running, waiting, stale and failed. "
                    + "With an id, shows that pending operation and the changes it makes.",
                example: "brickyard server operations info"),
            VerbHelp(
                name: "operations list", usage: "", summary: "Lists the operations the server has not finished.",
                example: "brickyard server operations list"),
            VerbHelp(
                name: "operations cleanup", usage: "[OPERATION-ID...]",
                summary: "Asks the server to clean up the stale or failed operations named (all of them when none "
                    + "is named). It is a batch: `server operations list` shows what is left.",
                example: "brickyard server operations cleanup"),
            VerbHelp(
                name: "mode get", usage: "", summary: "Shows the administrative mode.",
                example: "brickyard server mode get"),
            VerbHelp(
                name: "mode set", usage: "normal|read-only|local-client",
                summary: "Sets the administrative mode: read-only refuses every change; local-client serves only "
                    + "clients on the server's host.",
                example: "brickyard server mode set read-only"),
            VerbHelp(
                name: "admin state get", usage: "", summary: "Shows the administrative mode (as `server mode get`).",
                example: "brickyard server admin state get"),
            VerbHelp(
                name: "admin state set", usage: "normal|read-only|local-client",
                summary: "Sets the administrative mode (as `server mode set`).",
                example: "brickyard server admin state set read-only"),
            VerbHelp(
                name: "state examine gluster", usage: "",
                summary: "Compares what the server holds with what the Gluster nodes hold, and lists every "
                    + "difference.",
                example: "brickyard server state examine gluster"),
        ])

    static let states = ["normal", "read-only", "local-client"]

    enum Verb: Equatable {
        case operations
        case operation(String)
        case pendingOperations
        case cleanUp([String])
        case getState
        case setState(String)
        case examineGluster
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        let list = try ArgumentList(arguments)
        switch verb {
        case "admin state set", "mode set":
            try list.finish(maximumPositionals: 1)
            guard let state = list.positionals.first else {
                throw UsageError("\(verb) needs a mode (one of \(Self.states.joined(separator: ", ")))")
            }
            guard Self.states.contains(state) else {
                throw UsageError("mode \"\(state)\" must be one of \(Self.states.joined(separator: ", "))")
            }
            self.verb = .setState(state)
        case "admin state get", "mode get":
            try list.finish()
            self.verb = .getState
        case "operations list":
            try list.finish()
            self.verb = .pendingOperations
        case "operations cleanup":
            try list.finish(maximumPositionals: list.positionals.count)
            self.verb = .cleanUp(list.positionals)
        case "state examine gluster":
            try list.finish()
            self.verb = .examineGluster
        default:
            try list.finish(maximumPositionals: 1)
            self.verb = list.positionals.first.map { .operation($0) } ?? .operations
        }
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        let client = context.client
        switch self.verb {
        case .operations:
            context.show(try await client.operationCounts(), text: Self.lines)
        case .operation(let id):
            context.show(try await client.pendingOperation(id), text: Self.lines)
        case .pendingOperations:
            context.show(try await client.pendingOperations()) { list in
                guard !list.pendingoperations.isEmpty else { return ["No pending operations."] }
                var table = TextTable(["ID", "TYPE", "STATUS"])
                for operation in list.pendingoperations {
                    table.add([operation.id, operation.typeName, Self.status(operation)])
                }
                return table.lines()
            }
        case .cleanUp(let ids):
            let request = PendingOperationCleanup(operations: ids.isEmpty ? nil : ids)
            try await context.track("cleaning up operations") { () throws(ClientError) in
                try await client.cleanUpOperations(request)
            }
            context.confirm(
                ids.isEmpty
                    ? "Clean-up of stale and failed operations done; `brickyard server operations list` shows what is left"
                    : "Clean-up of \(Plural.count(ids.count, "operation")) done; "
                        + "`brickyard server operations list` shows what is left",
                ActionResult(id: ids.joined(separator: ","), result: "cleaned up"))
        case .getState:
            context.show(try await client.adminState()) { ["Server mode: \($0.state)"] }
        case .setState(let state):
            try await client.setAdminState(state)
            context.show(AdminStateMessage(state: state)) { ["Server mode: \($0.state)"] }
        case .examineGluster:
            let body = try await client.examineGluster()
            guard let report = try? JSONDecoder().decode(GlusterExaminationResponse.self, from: body) else {
                // A Heketi server answers its own report: shown as it came.
                context.console.print(context.format.document(rawJSON: body))
                return
            }
            context.show(report, text: Self.lines)
        }
    }

    static func lines(_ counts: OperationCounts) -> [String] {
        let fields: [(String, String)] = [
            ("Total", String(counts.total)), ("In flight", String(counts.inFlight)), ("New", String(counts.new)),
            ("Stale", String(counts.stale)), ("Failed", String(counts.failed)),
        ]
        return ["Operations:"] + FieldList.lines(fields, indent: "  ")
    }

    static func lines(_ operation: PendingOperation) -> [String] {
        var lines = FieldList.lines([
            ("Operation", operation.id), ("Type", operation.typeName), ("Status", Self.status(operation)),
        ])
        let changes = operation.changes ?? []
        lines.append("Changes:")
        lines += changes.isEmpty ? ["  (none)"] : changes.map { "  \($0.description): \($0.id)" }
        return lines
    }

    /// heketi-cli's status words: an operation without a status has not started.
    static func status(_ operation: PendingOperation) -> String {
        let status = operation.status.isEmpty ? "new" : operation.status
        guard let sub = operation.subStatus, !sub.isEmpty else { return status }
        return "\(status) (\(sub))"
    }

    /// A summary line, then one line per finding.
    static func lines(_ report: GlusterExaminationResponse) -> [String] {
        let scope = "\(Plural.count(report.nodes, "node")) and \(Plural.count(report.volumes, "volume"))"
        if report.findings.isEmpty {
            return [report.clean ? "clean: \(scope) match the store" : "not clean: \(scope) examined, no finding named"]
        }
        let kinds = Dictionary(grouping: report.findings, by: \.kind).map { kind, findings in
            "\(findings.count) \(kind)"
        }.sorted()
        var lines = [
            "\(Plural.count(report.findings.count, "finding")) on \(Plural.count(report.nodes, "node")) "
                + "and \(Plural.count(report.volumes, "volume")): \(kinds.joined(separator: ", "))"
        ]
        lines += report.findings.map { "\($0.kind) \($0.subject): \($0.detail)" }
        return lines
    }
}
