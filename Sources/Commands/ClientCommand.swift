internal import Client
internal import Curl
internal import Foundation

/// The client half of `brickyard`: heketi-cli's command tree (`cluster`, `node`, `device`, `volume`, `topology`,
/// `server`, `db`, `loglevel`) with its spellings, talking to a Brickyard or Heketi server over its REST API, plus
/// `completion`. heketi-cli commands Brickyard does not serve (`blockvolume`, `volume clone`, ...) are refused with
/// one line that says why.
///
/// Parsing happens before any request, so every usage error exits 2 without touching the network; anything the
/// server or the network refuses exits 1. Either way the reason is one line on standard error.
enum ClientCommand {
    static let resources: [ResourceHelp] = [
        ClusterCommand.help, NodeCommand.help, DeviceCommand.help, VolumeCommand.help, TopologyCommand.help,
        ServerCommand.help, DatabaseCommand.help, LogLevelCommand.help, CompletionCommand.help,
    ] + HeketiOnlyCommands.resources

    /// Whether `brickyard <word> ...` is a client command: a resource, or a shared option before it.
    static func handles(_ word: String) -> Bool {
        Self.resources.contains { $0.answers(to: word) } || ClientOptions.starts(word)
    }

    /// Runs one client command line; returns the exit code.
    static func run(
        _ arguments: [String], environment: [String: String], output: (String) -> Void, errors: (String) -> Void
    ) -> Int32 {
        let action: any ClientAction
        let options: ClientOptions
        let network: any HTTPTransport
        do throws(UsageError) {
            let extracted = try ClientOptions.extract(from: arguments, environment: environment)
            options = extracted.options
            switch try Self.parse(extracted.rest) {
            case .help(let text), .text(let text):
                output(text)
                return 0
            case .action(let parsed):
                action = parsed
            }
            network = HTTPClient(configuration: try options.transportConfiguration())
        } catch {
            errors("brickyard: \(error.description)")
            return 2
        }
        let console = ClientConsole()
        let context = ClientContext(
            client: options.client(transport: network), format: options.output, console: console,
            progress: ProgressDisplay(console: console, terminal: isatty(STDERR_FILENO) == 1))
        Task {
            console.finish(await Self.perform(action, in: context))
        }
        return console.pump(output: output, errors: errors)
    }

    /// Runs a parsed action; returns 0, or 1 after printing the error's line.
    static func perform(_ action: any ClientAction, in context: ClientContext) async -> Int32 {
        do throws(ClientError) {
            try await action.run(context)
            return 0
        } catch {
            context.console.warn("brickyard: \(error.description)")
            return 1
        }
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
        guard let resource = Self.resources.first(where: { $0.answers(to: name) }) else {
            throw UsageError("unknown command \"\(name)\" (run `brickyard --help`)")
        }
        if let reason = resource.unsupported {
            throw UsageError("heketi-cli's `\(name)` is not supported: \(reason)")
        }
        let rest = Array(words.dropFirst())
        let leading = Array(rest.prefix { !ArgumentList.isOption($0) })
        guard let (verb, length) = resource.verb(in: leading) else {
            if wantsHelp || rest.isEmpty { return .help(resource.text) }
            throw UsageError(
                "unknown \(resource.name) verb \"\(leading.joined(separator: " "))\" "
                    + "(one of: \(resource.served.map(\.name).joined(separator: ", ")))")
        }
        if let reason = verb.unsupported {
            throw UsageError("heketi-cli's `\(resource.name) \(verb.name)` is not supported: \(reason)")
        }
        if wantsHelp { return .help(verb.text(resource: resource.name)) }
        var verbArguments = rest
        verbArguments.removeFirst(length)
        switch resource.name {
        case "cluster": return .action(try ClusterCommand(verb: verb.name, arguments: verbArguments))
        case "node": return .action(try NodeCommand(verb: verb.name, arguments: verbArguments))
        case "device": return .action(try DeviceCommand(verb: verb.name, arguments: verbArguments))
        case "volume": return .action(try VolumeCommand(verb: verb.name, arguments: verbArguments))
        case "topology": return .action(try TopologyCommand(verb: verb.name, arguments: verbArguments))
        case "server": return .action(try ServerCommand(verb: verb.name, arguments: verbArguments))
        case "db": return .action(try DatabaseCommand(verb: verb.name, arguments: verbArguments))
        case "loglevel": return .action(try LogLevelCommand(verb: verb.name, arguments: verbArguments))
        default:
            try ArgumentList(verbArguments).finish()
            return .text(CompletionCommand.bash(resources: Self.resources))
        }
    }
}

extension ClientOptions {
    /// The typed client these options describe, over `transport`; `sleep` waits between polls.
    func client(
        transport: any HTTPTransport,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) -> HeketiClient {
        let credentials = self.secret.flatMap { $0.isEmpty ? nil : ClientCredentials(user: self.user, secret: $0) }
        return HeketiClient(server: self.server, credentials: credentials, transport: transport, sleep: sleep)
    }

    /// The connection settings: heketi-cli's `--insecure-tls` and `--tls-cert` files (read now, so a missing file is
    /// a usage error before any request).
    func transportConfiguration() throws(UsageError) -> HTTPClientConfiguration {
        var configuration = HTTPClientConfiguration(insecureSkipTLSVerify: self.insecureTLS, connectTimeout: .seconds(10))
        if self.tlsCertificates.count == 1, let path = self.tlsCertificates.first {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw UsageError("option --tls-cert: cannot read \(path)")
            }
            configuration.caCertificates = .file(path)
        } else if !self.tlsCertificates.isEmpty {
            var bundle: [UInt8] = []
            for path in self.tlsCertificates {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw UsageError("option --tls-cert: cannot read \(path)")
                }
                bundle += data
                bundle.append(UInt8(ascii: "\n"))
            }
            configuration.caCertificates = .data(bundle)
        }
        return configuration
    }
}
