/// The options every client command shares: which server, as whom, and how to print.
///
/// They may appear anywhere on the command line (before or after the resource), and fall back to BRICKYARD_*
/// variables, then to heketi-cli's HEKETI_CLI_* so existing shell set-ups keep working.
struct ClientOptions: Equatable, Sendable {
    static let defaultServer = "http://127.0.0.1:8080"
    /// The names `extract` takes, each with a value.
    static let names = ["server", "user", "secret", "output"]

    var server: String
    var user: String
    var secret: String?
    var output: OutputFormat

    /// Takes the shared options out of `arguments` and returns them with what is left for the command.
    static func extract(from arguments: [String], environment: [String: String]) throws(UsageError)
        -> (options: ClientOptions, rest: [String])
    {
        var values: [String: String] = [:]
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                rest.append(argument)
                continue
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            guard Self.names.contains(name) else {
                rest.append(argument)
                continue
            }
            let value: String
            if let equals = body.firstIndex(of: "=") {
                value = String(body[body.index(after: equals)...])
            } else {
                guard index < arguments.count else { throw UsageError("option --\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            guard values[name] == nil else { throw UsageError("option --\(name) given twice") }
            values[name] = value
        }
        func pick(_ name: String, _ variables: [String]) -> String? {
            if let value = values[name] { return value }
            return variables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        let server = pick("server", ["BRICKYARD_SERVER", "HEKETI_CLI_SERVER"]) ?? Self.defaultServer
        guard server.hasPrefix("http://") || server.hasPrefix("https://"), server.count > 8 else {
            throw UsageError("option --server: \"\(server)\" must be an http:// or https:// URL")
        }
        let outputName = values["output"] ?? "text"
        guard let output = OutputFormat(rawValue: outputName) else {
            throw UsageError("option --output: \"\(outputName)\" must be one of text, json, yaml")
        }
        let options = ClientOptions(
            server: server, user: pick("user", ["BRICKYARD_USER", "HEKETI_CLI_USER"]) ?? "admin",
            secret: pick("secret", ["BRICKYARD_SECRET", "HEKETI_CLI_KEY"]), output: output)
        return (options, rest)
    }
}
