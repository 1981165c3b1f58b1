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

    @Test(arguments: [
        (["--server"], "option --server needs a value"),
        (["--user", "a", "--user=b"], "option --user given twice"),
        (["--output", "table"], "option --output: \"table\" must be one of text, json, yaml"),
        (["--server", "ftp://x"], "option --server: \"ftp://x\" must be an http:// or https:// URL"),
    ])
    func mistakes(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) { try ClientOptions.extract(from: arguments, environment: [:]) }
    }
}
