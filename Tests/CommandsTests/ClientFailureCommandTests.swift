import Foundation
import Testing

/// How the client fails: refused credentials, a server that is down, and bad command lines, each as one line on
/// standard error with exit code 1 (server or network) or 2 (usage).
@Suite(.serialized) struct ClientFailureCommandTests {
    static let hint = "(check --user and --secret, or BRICKYARD_USER and BRICKYARD_SECRET)"

    @Test func authenticationFailuresAreOneLineFromTheServer() async throws {
        let fixture = try await ClientFixture.start(
            arguments: ["--admin-key", "admin-secret", "--user-key", "user-secret"], disableAuth: false)
        let anonymous = try await fixture.run("cluster", "list")
        #expect(anonymous.code == 1)
        #expect(anonymous.errorLines == ["brickyard: authentication failed: Required authorization token not found \(Self.hint)"])
        #expect(anonymous.output.isEmpty)

        let wrong = try await fixture.run("--secret", "nope", "cluster", "list")
        #expect(wrong.code == 1)
        #expect(wrong.errorLines.count == 1)
        #expect(wrong.errors.contains("signature is invalid"))

        let unknownUser = try await fixture.run("cluster", "list", "--user", "bob", "--secret", "admin-secret")
        #expect(unknownUser.errorLines == ["brickyard: authentication failed: Invalid JWT token: Unknown user \(Self.hint)"])

        let user = try await fixture.run(["cluster", "create"], environment: ["BRICKYARD_USER": "user", "BRICKYARD_SECRET": "user-secret"])
        #expect(user.code == 1)
        #expect(user.errors.contains("Administrator access required"))
        let userList = try await fixture.run(["volume", "list"], environment: ["BRICKYARD_USER": "user", "BRICKYARD_SECRET": "user-secret"])
        #expect(userList.code == 0, "\(userList.errors)")

        // heketi-cli's variables work too, and BRICKYARD_* wins over them.
        let heketi = try await ClientRun.run(
            ["cluster", "create", "--output", "json"], server: nil,
            environment: ["HEKETI_CLI_SERVER": fixture.url, "HEKETI_CLI_USER": "admin", "HEKETI_CLI_KEY": "admin-secret"])
        #expect(heketi.code == 0, "\(heketi.errors)")
        #expect(try heketi.object()["id"] != nil)
        let both = try await ClientRun.run(
            ["cluster", "list"], server: nil,
            environment: [
                "BRICKYARD_SERVER": fixture.url, "BRICKYARD_SECRET": "admin-secret", "HEKETI_CLI_KEY": "wrong",
            ])
        #expect(both.code == 0, "\(both.errors)")
    }

    @Test func aServerThatIsDownIsOneClearLine() async throws {
        // Port 9 (discard) on loopback has no listener.
        let run = try await ClientRun.run(["volume", "list"], server: "http://127.0.0.1:9")
        #expect(run.code == 1)
        #expect(run.output.isEmpty)
        #expect(run.errorLines.count == 1)
        #expect(run.errorLines.first?.hasPrefix("brickyard: cannot reach the server at http://127.0.0.1:9: ") == true)
        #expect(run.errors.contains("Connection refused") || run.errors.contains("Couldn't connect"))
    }

    @Test(arguments: [
        (["volume", "create"], "brickyard: option --size is required (GiB, from 1)"),
        (["volume", "create", "--size", "1", "--replica", "2", "--arbiter"], "brickyard: --arbiter needs --replica 3"),
        (["node", "info"], "brickyard: the node id is missing"),
        (["cluster", "frob"], "brickyard: unknown cluster verb \"frob\" (one of: create, list, info, delete, setflags)"),
        (["--output", "xml", "cluster", "list"], "brickyard: option --output: \"xml\" must be one of text, json, yaml"),
        (["--server", "localhost:8080", "cluster", "list"], "brickyard: option --server: \"localhost:8080\" must be an http:// or https:// URL"),
        (["device", "add", "--node", "x"], "brickyard: option --name is required"),
        (["server", "admin", "state", "set", "sleepy"], "brickyard: mode \"sleepy\" must be one of normal, read-only, local-client"),
    ])
    func usageErrorsExitTwoBeforeAnyRequest(arguments: [String], message: String) async throws {
        // Nothing listens on the server named: a usage error must be found before any request is made.
        let server = arguments.contains("--server") ? nil : "http://127.0.0.1:9"
        let run = try await ClientRun.run(arguments, server: server)
        #expect(run.code == 2)
        #expect(run.errorLines == [message])
        #expect(run.output.isEmpty)
    }

    @Test func helpAndCompletionNeedNoServer() async throws {
        let help = try await ClientRun.run(["volume", "create", "--help"], server: "http://127.0.0.1:9")
        #expect(help.code == 0)
        #expect(help.output.contains("example: brickyard volume create --size 10"))
        let completion = try await ClientRun.run(["completion", "bash"], server: nil)
        #expect(completion.code == 0)
        #expect(completion.output.contains("complete -F _brickyard brickyard"))
    }
}
