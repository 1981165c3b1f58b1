internal import Client
internal import HeketiAPI

/// `brickyard loglevel get` and `loglevel set LEVEL`: the server's log level, as heketi-cli spells them.
struct LogLevelCommand: ClientAction {
    static let help = ResourceHelp(
        name: "loglevel", summary: "The server's log level.",
        verbs: [
            VerbHelp(name: "get", usage: "", summary: "Shows the server's log level.", example: "brickyard loglevel get"),
            VerbHelp(
                name: "set", usage: "LEVEL",
                summary: "Sets the server's log level (none, critical, error, warning, info or debug); the server "
                    + "refuses a level it does not know.",
                example: "brickyard loglevel set debug"),
        ])

    enum Verb: Equatable {
        case get
        case set(String)
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        let list = try ArgumentList(arguments)
        if verb == "set" {
            try list.finish(maximumPositionals: 1)
            guard let level = list.positionals.first, !level.isEmpty else { throw UsageError("loglevel set needs a level") }
            self.verb = .set(level)
        } else {
            try list.finish()
            self.verb = .get
        }
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        let message: LogLevelMessage
        switch self.verb {
        case .get: message = try await context.client.logLevel()
        case .set(let level): message = try await context.client.setLogLevel(level)
        }
        context.show(message) { ["Log level: \($0.level ?? "unknown")"] }
    }
}
