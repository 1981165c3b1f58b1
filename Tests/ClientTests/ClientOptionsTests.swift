@testable import Commands
import Testing

/// The shared options: anywhere on the line, then BRICKYARD_*, then heketi-cli's variables.
@Suite struct ClientOptionsTests {
    @Test func flagsAnywhereWinOverTheEnvironment() throws {
        let (options, rest) = try ClientOptions.extract(
            from: ["--server", "http://a:1", "volume", "list", "--output=json", "--user", "user", "--secret=s"],
            environment: ["BRICKYARD_SERVER": "http://b:2", "HEKETI_CLI_USER": "admin"])
        #expect(options == ClientOptions(server: "http://a:1", user: "user", secret: "s", output: .json))
        #expect(rest == ["volume", "list"])
    }

    @Test func brickyardVariablesComeBeforeHeketiOnes() throws {
        let environment = [
            "BRICKYARD_SERVER": "https://b", "HEKETI_CLI_SERVER": "http://h", "HEKETI_CLI_USER": "user",
            "HEKETI_CLI_KEY": "hk", "BRICKYARD_SECRET": "",
        ]
        let (options, rest) = try ClientOptions.extract(from: ["cluster", "list"], environment: environment)
        #expect(options == ClientOptions(server: "https://b", user: "user", secret: "hk", output: .text))
        #expect(rest == ["cluster", "list"])
    }

    @Test func defaults() throws {
        let (options, _) = try ClientOptions.extract(from: ["node", "list"], environment: [:])
        #expect(options == ClientOptions(server: "http://127.0.0.1:8080", user: "admin", secret: nil, output: .text))
    }

    /// heketi-cli's spellings: `-s URL`, `-sURL`, `-s=URL`, `--json` (and `--json=false`), `-I`, `-C` repeated or
    /// comma-separated.
    @Test func heketiCLISpellings() throws {
        for spelling in [["-s", "http://h:1"], ["-shttp://h:1"], ["-s=http://h:1"], ["--server=http://h:1"]] {
            let (options, rest) = try ClientOptions.extract(from: spelling + ["volume", "list"], environment: [:])
            #expect(options.server == "http://h:1")
            #expect(rest == ["volume", "list"])
        }
        let (json, rest) = try ClientOptions.extract(
            from: ["volume", "info", "v1", "--json", "-I", "-C", "a.pem,b.pem", "--tls-cert=c.pem"], environment: [:])
        #expect(json.output == .json)
        #expect(json.insecureTLS)
        #expect(json.tlsCertificates == ["a.pem", "b.pem", "c.pem"])
        #expect(rest == ["volume", "info", "v1"])
        #expect(try ClientOptions.extract(from: ["--json=false", "volume", "list"], environment: [:]).options.output == .text)
        // `topology load` keeps its own --json (the file), as heketi-cli does.
        let (load, loadRest) = try ClientOptions.extract(
            from: ["-s", "http://h:1", "topology", "load", "--json", "t.json"], environment: [:])
        #expect(load.output == .text)
        #expect(loadRest == ["topology", "load", "--json", "t.json"])
        #expect(ClientCommand.handles("-s"))
        #expect(ClientCommand.handles("--json"))
        #expect(ClientCommand.handles("loglevel"))
        #expect(ClientCommand.handles("setup-heketi-db-storage"))
        #expect(!ClientCommand.handles("serve"))
    }

    @Test(arguments: [
        (["-s"], "option -s needs a value"),
        (["--json=maybe"], "option --json: \"maybe\" must be true or false"),
        (["--server"], "option --server needs a value"),
        (["--user", "a", "--user=b"], "option --user given twice"),
        (["--output", "table"], "option --output: \"table\" must be one of text, json, yaml"),
        (["--server", "ftp://x"], "option --server: \"ftp://x\" must be an http:// or https:// URL"),
    ])
    func mistakes(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) { try ClientOptions.extract(from: arguments, environment: [:]) }
    }
}
