import Curl
import Foundation
import NodeTransport
import Testing

/// One writer per database: while `brickyard serve` holds a database, `apply`, `repair` and `import-heketi` on it
/// are refused with one line naming the holder, and change nothing; once the server is gone (even killed), they run.
@Suite(.serialized) struct DatabaseLockTests {
    @Test func applyIsRefusedWhileServeHoldsTheDatabaseAndRunsOnceItIsGone() async throws {
        let run = FaultInjectionTests.Run(workspace: try DesiredStateCommandTests.Workspace())
        try run.workspace.write("app.yaml", DesiredStateCommandTests.claim("app", size: 2))
        let server = try await ServerProcess.start(database: run.workspace.database)
        #expect(try await server.request("GET", "/hello").status == 200)

        let refused = try await run.apply()
        #expect(refused.exitCode == 1, "\(refused.stdout)\(refused.stderr)")
        let lines = refused.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(refused.stderr)")
        #expect(lines.first?.hasPrefix("brickyard apply: the database \(run.workspace.database) is in use by brickyard serve (pid \(server.process.processIdentifier)) since ") == true)
        #expect(lines.first?.hasSuffix("; stop it first (one writer per database)") == true)
        #expect(try await server.json("/volumes")["volumes"] as? [String] == [])

        let repair = try await ProcessRunner.run(
            [try ServerProcess.executable().path, "repair", "--executor", "mock", "--db", run.workspace.database],
            environment: ["BRICKYARD_MOCK_STATE": run.mockState], timeout: .seconds(60))
        #expect(repair.exitCode == 1)
        #expect(repair.stderr.contains("is in use by brickyard serve (pid \(server.process.processIdentifier))"))

        // The kernel drops the lock with the process, however it ends.
        try await server.kill(signal: SIGKILL)
        let applied = try await run.apply()
        #expect(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
    }
}
