import Foundation
import NodeTransport
import TestSupport
import Testing

/// A claim the controller cannot carry out is nowhere only in the log: `brickyard status` lists it Degraded with its
/// reason, last error and next retry (read while the server runs), and `brickyard plan` says the step would fail.
@Suite(.serialized) struct ClaimStatusCommandTests {
    @Test func aFailingClaimIsInStatusAndPlanSaysItWouldFail() async throws {
        let workspace = try DesiredStateCommandTests.Workspace()
        try workspace.write("small.yaml", DesiredStateCommandTests.claim("small", size: 1))
        try workspace.write("huge.yaml", DesiredStateCommandTests.claim("huge", size: 100_000))
        let server = try await ServerProcess.start(
            database: workspace.database, arguments: ["--desired", workspace.documents])
        @Sendable func status(_ extra: [String] = []) async throws -> CommandResult {
            try await ProcessRunner.run(
                [try ServerProcess.executable().path, "status", "--db", workspace.database] + extra, timeout: .seconds(60))
        }
        @Sendable func claims() async throws -> [[String: Any]] {
            let json = try await status(["--output", "json"]).stdout
            let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return document?["claims"] as? [[String: Any]] ?? []
        }
        #expect(try await eventually { try await claims().count == 2 })

        let huge = try #require(try await claims().first { ($0["claim"] as? [String: Any])?["name"] as? String == "huge" })
        let conditions = try #require(huge["conditions"] as? [[String: Any]])
        let degraded = try #require(conditions.first { $0["type"] as? String == "Degraded" })
        #expect(degraded["status"] as? String == "True")
        #expect(degraded["reason"] as? String == "ReconcileFailed")
        #expect(degraded["observedGeneration"] as? Int == 1)
        #expect((huge["lastError"] as? String)?.contains("+ volume huge: 100000 GiB") == true)
        #expect(huge["nextRetry"] is Int)
        #expect(Set(conditions.compactMap { $0["type"] as? String }) == ["Ready", "Progressing", "Degraded"])

        let table = try await status()
        #expect(table.exitCode == 2)
        let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("claim") && $0.contains("directory:huge") })
        #expect(row.contains("Degraded") && row.contains("ReconcileFailed") && row.contains("retried at"))
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("claim") && $0.contains("directory:small") && $0.contains("Ready") })
        let yaml = try await status(["--output", "yaml"])
        #expect(yaml.stdout.contains("reason: ReconcileFailed"))

        // Against the store the server built, plan places the claim and says it would not fit.
        let plan = try await workspace.brickyard(["plan"])
        #expect(plan.exitCode == 1, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("+ volume huge: 100000 GiB, replica 3  (would fail: "))
        #expect(plan.stdout.contains("1 step would fail as the store is now."))
        let planned = try await workspace.brickyard(["plan", "--output", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any]
        let action = try #require((document?["actions"] as? [[String: Any]])?.first)
        #expect((action["wouldFail"] as? String)?.isEmpty == false)
        try await server.kill(signal: SIGTERM)
    }
}
