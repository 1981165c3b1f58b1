internal import Client

/// `brickyard server operations info`, `server admin state get|set`, and `db dump`.
struct ServerCommand: ClientAction {
    static let help = ResourceHelp(
        name: "server", summary: "The server itself: its operations and its administrative state.",
        verbs: [
            VerbHelp(
                name: "operations info", usage: "",
                summary: "Counts the operations the server holds: unfinished, running, waiting, stale and failed.",
                example: "brickyard server operations info"),
            VerbHelp(
                name: "admin state get", usage: "", summary: "Shows the administrative state.",
                example: "brickyard server admin state get"),
            VerbHelp(
                name: "admin state set", usage: "normal|read-only|local-client",
                summary: "Sets the administrative state: read-only refuses every change; local-client serves only "
                    + "clients on the server's host.",
                example: "brickyard server admin state set read-only"),
        ])

    static let databaseHelp = ResourceHelp(
        name: "db", summary: "The server's database.",
        verbs: [
            VerbHelp(
                name: "dump", usage: "", summary: "Prints the server's whole state as JSON (or YAML).",
                example: "brickyard db dump > brickyard-dump.json")
        ])

    static let states = ["normal", "read-only", "local-client"]

    enum Verb: Equatable {
        case operations
        case getState
        case setState(String)
        case dump
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        let list = try ArgumentList(arguments)
        switch verb {
        case "admin state set":
            try list.finish(maximumPositionals: 1)
            guard let state = list.positionals.first else { throw UsageError("admin state set needs a state") }
            guard Self.states.contains(state) else {
                throw UsageError("state \"\(state)\" must be one of \(Self.states.joined(separator: ", "))")
            }
            self.verb = .setState(state)
        case "admin state get":
            try list.finish()
            self.verb = .getState
        case "dump":
            try list.finish()
            self.verb = .dump
        default:
            try list.finish()
            self.verb = .operations
        }
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        let client = context.client
        switch self.verb {
        case .operations:
            context.show(try await client.operationCounts(), text: Self.lines)
        case .getState:
            context.show(try await client.adminState()) { ["Server state: \($0.state)"] }
        case .setState(let state):
            try await client.setAdminState(state)
            context.show(AdminStateMessage(state: state)) { ["Server state: \($0.state)"] }
        case .dump:
            context.console.print(context.format.document(rawJSON: try await client.databaseDump()))
        }
    }

    static func lines(_ counts: OperationCounts) -> [String] {
        let fields: [(String, String)] = [
            ("Total", String(counts.total)), ("In flight", String(counts.inFlight)), ("New", String(counts.new)),
            ("Stale", String(counts.stale)), ("Failed", String(counts.failed)),
        ]
        return ["Operations:"] + FieldList.lines(fields, indent: "  ")
    }
}
