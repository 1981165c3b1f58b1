/// The options every client command shares: which server, as whom, over what TLS, and how to print.
///
/// They are heketi-cli's global flags with its spellings (`--server`/`-s`, `--user`, `--secret`, `--json`,
/// `--insecure-tls`/`-I`, `--tls-cert`/`-C`) plus Brickyard's `--output`. They may appear anywhere on the command
/// line (before or after the resource), and fall back to BRICKYARD_* variables, then to heketi-cli's HEKETI_CLI_*
/// so existing shell set-ups keep working.
struct ClientOptions: Equatable, Sendable {
    static let defaultServer = "http://127.0.0.1:8080"
    /// The long names `extract` takes with a value.
    static let names = ["server", "user", "secret", "output", "tls-cert"]
    /// The long names `extract` takes as flags.
    static let flagNames = ["json", "insecure-tls"]
    /// heketi-cli's one-letter forms of the shared options.
    static let shortNames: [Character: String] = ["s": "server", "I": "insecure-tls", "C": "tls-cert"]

    var server: String
    var user: String
    var secret: String?
    var output: OutputFormat
    /// `--insecure-tls`: the server's certificate is not verified.
    var insecureTLS = false
    /// `--tls-cert FILE` (repeatable, or comma-separated): CA certificates that verify the server.
    var tlsCertificates: [String] = []

    /// Whether `word` starts one of the shared options, so `brickyard -s URL volume list` is a client command.
    static func starts(_ word: String) -> Bool {
        (Self.names + Self.flagNames).contains { word == "--" + $0 || word.hasPrefix("--\($0)=") }
            || Self.shortNames.keys.contains { word.hasPrefix("-\($0)") && !word.hasPrefix("--") }
    }

    /// Takes the shared options out of `arguments` and returns them with what is left for the command.
    ///
    /// `--json` is heketi-cli's "print JSON" everywhere except `topology load`, where (as in heketi-cli) `--json`
    /// and `-j` name the topology file; that command keeps them.
    static func extract(from arguments: [String], environment: [String: String]) throws(UsageError)
        -> (options: ClientOptions, rest: [String])
    {
        let loadsTopology = Self.commandWords(arguments).starts(with: ["topology", "load"])
        var values: [String: String] = [:]
        var certificates: [String] = []
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                rest += arguments[(index - 1)...]
                break
            }
            guard let (name, inline) = Self.option(argument), !(loadsTopology && name == "json") else {
                rest.append(argument)
                continue
            }
            let spelled = argument.hasPrefix("--") ? "--\(name)" : String(argument.prefix(2))
            let value: String
            if Self.flagNames.contains(name) {
                if let inline {
                    guard let parsed = ArgumentList.boolean(inline) else {
                        throw UsageError("option \(spelled): \"\(inline)\" must be true or false")
                    }
                    value = parsed ? "true" : "false"
                } else {
                    value = "true"
                }
            } else if let inline {
                value = inline
            } else {
                guard index < arguments.count else { throw UsageError("option \(spelled) needs a value") }
                value = arguments[index]
                index += 1
            }
            if name == "tls-cert" {
                certificates += value.split(separator: ",").map(String.init).filter { !$0.isEmpty }
                continue
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
        var output = OutputFormat.text
        if let name = values["output"] {
            guard let format = OutputFormat(rawValue: name) else {
                throw UsageError("option --output: \"\(name)\" must be one of text, json, yaml")
            }
            output = format
        }
        if values["json"] == "true" {
            guard values["output"] == nil || output == .json else {
                throw UsageError("--json and --output \(output.rawValue) ask for different formats; give one")
            }
            output = .json
        }
        var options = ClientOptions(
            server: server, user: pick("user", ["BRICKYARD_USER", "HEKETI_CLI_USER"]) ?? "admin",
            secret: pick("secret", ["BRICKYARD_SECRET", "HEKETI_CLI_KEY"]), output: output)
        options.insecureTLS = values["insecure-tls"] == "true"
        options.tlsCertificates = certificates
        return (options, rest)
    }

    /// The shared option `argument` spells, with its value when written into it (`--server=URL`, `-sURL`, `-s=URL`).
    private static func option(_ argument: String) -> (name: String, inline: String?)? {
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            guard Self.names.contains(name) || Self.flagNames.contains(name) else { return nil }
            return (name, body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) })
        }
        guard argument.hasPrefix("-"), argument.count > 1 else { return nil }
        let letter = argument[argument.index(after: argument.startIndex)]
        guard let name = Self.shortNames[letter] else { return nil }
        var rest = argument.dropFirst(2)
        let explicit = rest.first == "="
        if explicit { rest = rest.dropFirst() }
        return (name, rest.isEmpty && !explicit ? nil : String(rest))
    }

    /// The words that name the command (resource and verb), skipping the shared options and their values.
    static func commandWords(_ arguments: [String]) -> [String] {
        var words: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if let (name, inline) = Self.option(argument) {
                if Self.names.contains(name), inline == nil { index += 1 }
                continue
            }
            if argument.hasPrefix("-") { break }
            words.append(argument)
        }
        return words
    }
}
