internal import Client
internal import Curl
internal import Foundation

/// The client half of `brickyard`: resource commands (`cluster`, `node`, `device`, `volume`, `topology`, `server`,
/// `db`) that talk to a Brickyard or Heketi server over its REST API, as heketi-cli does, plus `completion`.
///
/// Parsing happens before any request, so every usage error exits 2 without touching the network; anything the
/// server or the network refuses exits 1. Either way the reason is one line on standard error.
enum ClientCommand {
    static let resources: [ResourceHelp] = [
        ClusterCommand.help, NodeCommand.help, DeviceCommand.help, VolumeCommand.help, TopologyCommand.help,
        ServerCommand.help, ServerCommand.databaseHelp, CompletionCommand.help,
    ]

    /// Whether `brickyard <word> ...` is a client command: a resource, or a shared option before it.
    static func handles(_ word: String) -> Bool {
        Self.resources.contains { $0.name == word }
            || ClientOptions.names.contains { word == "--" + $0 || word.hasPrefix("--\($0)=") }
    }

    /// Runs one client command line; returns the exit code.
    static func run(
        _ arguments: [String], environment: [String: String], output: (String) -> Void, errors: (String) -> Void
    ) -> Int32 {
        let action: any ClientAction
        let options: ClientOptions
        do throws(UsageError) {
            let extracted = try ClientOptions.extract(from: arguments, environment: environment)
            options = extracted.options
            switch try Self.parse(extracted.rest) {
            case .help(let text):
                output(text)
                return 0
            case .text(let text):
                output(text)
                return 0
            case .action(let parsed):
                action = parsed
            }
        } catch {
            errors("brickyard: \(error.description)")
            return 2
        }
        return Self.execute(action, options: options, output: output, errors: errors)
    }

    enum Parsed {
        case help(String)
        case text(String)
        case action(any ClientAction)
    }

    /// Finds the resource and verb and parses the verb's arguments; `--help` anywhere shows the nearest help.
    static func parse(_ arguments: [String]) throws(UsageError) -> Parsed {
        let wantsHelp = arguments.contains("--help") || arguments.contains("-h")
        let words = arguments.filter { $0 != "--help" && $0 != "-h" }
        guard let name = words.first else {
            throw UsageError("a resource is needed after the options (run `brickyard --help`)")
        }
        guard let resource = Self.resources.first(where: { $0.name == name }) else {
            throw UsageError("unknown command \"\(name)\" (run `brickyard --help`)")
        }
        let rest = Array(words.dropFirst())
        let leading = Array(rest.prefix { !$0.hasPrefix("--") })
        guard let (verb, length) = resource.verb(in: leading) else {
            if wantsHelp || rest.isEmpty { return .help(resource.text) }
            throw UsageError(
                "unknown \(name) verb \"\(leading.joined(separator: " "))\" "
                    + "(one of: \(resource.verbs.map(\.name).joined(separator: ", ")))")
        }
        if wantsHelp { return .help(verb.text(resource: name)) }
        var verbArguments = rest
        verbArguments.removeFirst(length)
        switch name {
        case "cluster": return .action(try ClusterCommand(verb: verb.name, arguments: verbArguments))
        case "node": return .action(try NodeCommand(verb: verb.name, arguments: verbArguments))
        case "device": return .action(try DeviceCommand(verb: verb.name, arguments: verbArguments))
        case "volume": return .action(try VolumeCommand(verb: verb.name, arguments: verbArguments))
        case "topology": return .action(try TopologyCommand(verb: verb.name, arguments: verbArguments))
        case "server", "db": return .action(try ServerCommand(verb: verb.name, arguments: verbArguments))
        default:
            try ArgumentList(verbArguments).finish()
            return .text(CompletionCommand.bash(resources: Self.resources))
        }
    }

    /// Runs `action` in a task while this thread writes what it prints; returns 0, or 1 with the error's line.
    static func execute(
        _ action: any ClientAction, options: ClientOptions, output: (String) -> Void, errors: (String) -> Void
    ) -> Int32 {
        let credentials = options.secret.flatMap { $0.isEmpty ? nil : ClientCredentials(user: options.user, secret: $0) }
        let transport = HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: .seconds(10)))
        let client = HeketiClient(server: options.server, credentials: credentials, transport: transport)
        let console = ClientConsole()
        let context = ClientContext(
            client: client, format: options.output, console: console,
            progress: ProgressDisplay(console: console, terminal: isatty(STDERR_FILENO) == 1))
        Task {
            do throws(ClientError) {
                try await action.run(context)
                console.finish(0)
            } catch {
                console.warn("brickyard: \(error.description)")
                console.finish(1)
            }
        }
        return console.pump(output: output, errors: errors)
    }
}
