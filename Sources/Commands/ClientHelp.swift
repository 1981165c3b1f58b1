internal import Foundation

/// The help of one client verb: its usage, what it does and an example, plus its flags for shell completion.
struct VerbHelp: Sendable {
    /// The verb's words, such as `create` or `admin state get`.
    var name: String
    /// The arguments after the verb, such as `--size GiB [--name NAME]`.
    var usage: String
    var summary: String
    var example: String
    /// The options the verb takes, without `--`, for completion.
    var options: [String] = []
    /// Other names heketi-cli accepts for the verb (`deltags` for `rmtags`).
    var aliases: [String] = []
    /// Why Brickyard refuses a heketi-cli verb it does not serve; nil for a verb it runs.
    var unsupported: String?

    /// A heketi-cli verb Brickyard refuses with `reason` (its flags are named so completion and the command table
    /// still know them).
    static func refused(_ name: String, _ reason: String, options: [String] = []) -> VerbHelp {
        VerbHelp(name: name, usage: "", summary: "Not supported: \(reason).", example: "", options: options, unsupported: reason)
    }

    func text(resource: String) -> String {
        if let reason = self.unsupported { return "brickyard \(resource) \(self.name) is not supported: \(reason)." }
        return """
        usage: brickyard [global options] \(resource) \(self.name)\(self.usage.isEmpty ? "" : " " + self.usage)

        \(self.summary)

        \(ClientHelp.globalOptions)

        example: \(self.example)
        """
    }
}

/// The help of one client resource (`cluster`, `node`, ...): a summary and its verbs.
struct ResourceHelp: Sendable {
    var name: String
    var summary: String
    var verbs: [VerbHelp]

    /// Other names heketi-cli accepts for the resource.
    var aliases: [String] = []
    /// Why Brickyard refuses a whole heketi-cli command (`blockvolume`); nil for one it serves.
    var unsupported: String?

    /// The verbs Brickyard runs, for help and completion.
    var served: [VerbHelp] { self.verbs.filter { $0.unsupported == nil } }

    func answers(to word: String) -> Bool {
        self.name == word || self.aliases.contains(word)
    }

    var text: String {
        if let reason = self.unsupported { return "brickyard \(self.name) is not supported: \(reason)." }
        let width = self.served.map(\.name.count).max() ?? 0
        let lines = self.served.map { "  " + $0.name.padding(width) + "   " + $0.summary.firstSentence }
        let refused = self.verbs.compactMap { verb in verb.unsupported.map { "  \(verb.name): \($0)" } }
        let refusals = refused.isEmpty ? "" : "\nheketi-cli verbs Brickyard refuses:\n" + refused.joined(separator: "\n") + "\n"
        return """
            usage: brickyard [global options] \(self.name) <verb> [arguments]

            \(self.summary)

            verbs:
            \(lines.joined(separator: "\n"))
            \(refusals)
            \(ClientHelp.globalOptions)

            Run `brickyard \(self.name) <verb> --help` for a verb's arguments and an example.
            example: \(self.verbs.first?.example ?? "")
            """
    }

    /// The verb named by the leading words of `words` (the longest match wins, aliases count), and how many
    /// words it used.
    func verb(in words: [String]) -> (verb: VerbHelp, length: Int)? {
        var best: (VerbHelp, Int)?
        for verb in self.verbs {
            for name in [verb.name] + verb.aliases {
                let parts = name.split(separator: " ").map(String.init)
                guard parts.count <= words.count, Array(words.prefix(parts.count)) == parts else { continue }
                if parts.count > (best?.1 ?? 0) { best = (verb, parts.count) }
            }
        }
        return best
    }
}

/// Texts shared by every client command's help.
enum ClientHelp {
    static let globalOptions = """
        global options (anywhere on the line):
          -s, --server URL    the Brickyard or Heketi server (BRICKYARD_SERVER, HEKETI_CLI_SERVER; default \(ClientOptions.defaultServer))
          --user NAME         the JWT issuer, admin or user (BRICKYARD_USER, HEKETI_CLI_USER; default admin)
          --secret KEY        that user's key; requests are unsigned without one (BRICKYARD_SECRET, HEKETI_CLI_KEY)
          --output FORMAT     text (default), json or yaml; --json is --output json
          -I, --insecure-tls  do not verify the server's TLS certificate
          -C, --tls-cert FILE a CA certificate that verifies the server (repeatable)
        """
}

extension String {
    /// Left-aligns the text in `width` columns.
    func padding(_ width: Int) -> String {
        self.count >= width ? self : self + String(repeating: " ", count: width - self.count)
    }

    /// The text up to its first full stop, for one-line listings.
    var firstSentence: String {
        guard let stop = self.range(of: ". ") else { return self.hasSuffix(".") ? String(self.dropLast()) : self }
        return String(self[..<stop.lowerBound])
    }
}
