internal import Client
internal import Foundation
internal import HeketiAPI

/// `brickyard db dump` and `db check`.
struct DatabaseCommand: ClientAction {
    static let help = ResourceHelp(
        name: "db", summary: "The server's database.",
        verbs: [
            VerbHelp(
                name: "dump", usage: "",
                summary: "Prints the server's whole state as JSON, in Heketi's export format (clusterentries, "
                    + "nodeentries, ...), as the server sent it; --output yaml converts it.",
                example: "brickyard db dump > brickyard-dump.json"),
            VerbHelp(
                name: "check", usage: "",
                summary: "Checks the server's database: prints ok, or one line per problem and exits 1.",
                example: "brickyard db check"),
        ])

    enum Verb: Equatable {
        case dump
        case check
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        try ArgumentList(arguments).finish()
        self.verb = verb == "check" ? .check : .dump
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        switch self.verb {
        case .dump:
            let body = try await context.client.databaseDump()
            if context.format == .yaml {
                context.console.print(OutputFormat.yaml(fromJSON: body))
            } else {
                // As received: the dump is a backup, and rewriting it could only lose something.
                var text = String(decoding: body, as: UTF8.self)
                while text.hasSuffix("\n") { text.removeLast() }
                context.console.print(text)
            }
        case .check:
            let body = try await context.client.databaseCheck()
            guard let report = try? JSONDecoder().decode(DatabaseCheckResponse.self, from: body) else {
                // A Heketi server answers its own report: shown as it came.
                context.console.print(context.format.document(rawJSON: body))
                return
            }
            context.show(report) { report in report.ok && report.problems.isEmpty ? ["ok"] : report.problems }
            if !report.ok {
                let count = max(report.problems.count, 1)
                throw .operationFailed(message: "the database check found \(Plural.count(count, "problem"))")
            }
        }
    }
}
