import Executor
import Foundation
import NodeTransport
import StorageModel
import Store
import StoreRecords
import Testing

/// `brickyard repair` on the damage interleaved mutations once left: a volume deleted on the nodes but kept, marked,
/// in the database, its space reserved for ever. The dry run says what it would do and changes nothing; the repair
/// clears it, and the space can be used again.
@Suite struct RepairCommandTests {
    @Test func aVolumeGoneFromTheNodesIsForgottenAndItsSpaceFreed() async throws {
        let run = FaultInjectionTests.Run(workspace: try DesiredStateCommandTests.Workspace())
        try run.workspace.write("app.yaml", DesiredStateCommandTests.claim("app", size: 2))
        #expect(try await run.apply().exitCode == 0)

        // The damage: the volume is marked by its (finished) create, and gone from the nodes with its bricks.
        let store = try SQLiteStore(path: run.workspace.database)
        let topology = try await store.topology(includingPending: true)
        let volume = try #require(topology.volumes.values.first)
        let finished = try #require(try await store.operations(status: .succeeded).last)
        try await store.commit(.markPending(.volume(volume.id), finished.id))
        var nodes = try #require(MockExecutor.savedState(at: run.mockState))
        nodes.volumes.remove(volume.id)
        nodes.volumeBricks[volume.id] = nil
        let leaked = try #require(volume.brickSets.first?.first)
        for brick in volume.brickSets.joined() where brick != leaked { nodes.bricks.remove(brick) }
        try JSONEncoder().encode(nodes).write(to: URL(fileURLWithPath: run.mockState))

        func repair(_ extra: [String]) async throws -> CommandResult {
            var environment = ProcessInfo.processInfo.environment
            environment["BRICKYARD_MOCK_STATE"] = run.mockState
            return try await ProcessRunner.run(
                [try ServerProcess.executable().path, "repair", "--executor", "mock", "--db", run.workspace.database]
                    + extra, environment: environment, timeout: .seconds(60))
        }
        let dry = try await repair(["--dry-run"])
        #expect(dry.exitCode == 2, "\(dry.stderr)")
        #expect(dry.stdout.contains("Found 1 problem:\n  volume \(volume.id) is marked by operation \(finished.id)"))
        #expect(dry.stdout.contains("Would:\n  destroy brick \(leaked) on its node"))
        #expect(dry.stdout.contains("  forget volume \(volume.id)\n"))
        #expect(try await store.check().count == 1)

        let repaired = try await repair([])
        #expect(repaired.exitCode == 0, "\(repaired.stdout)\(repaired.stderr)")
        #expect(repaired.stdout.hasSuffix("Repaired: the database is consistent.\n"))
        #expect(try await store.check() == [])
        let after = try await store.topology(includingPending: true)
        #expect(after.volumes.isEmpty && after.bricks.isEmpty)
        #expect(after.devices.values.allSatisfy { $0.used == .zero })
        #expect(MockExecutor.savedState(at: run.mockState)?.bricks.isEmpty == true)

        let again = try await repair(["--output", "json"])
        #expect(again.exitCode == 0)
        let report = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect((report?["problems"] as? [Any])?.isEmpty == true)
    }

    @Test func theMockWithoutNodesToAskIsAUsageError() async throws {
        let workspace = try DesiredStateCommandTests.Workspace()
        var environment = ProcessInfo.processInfo.environment
        environment["BRICKYARD_MOCK_STATE"] = nil
        let result = try await ProcessRunner.run(
            [try ServerProcess.executable().path, "repair", "--executor", "mock", "--db", workspace.database],
            environment: environment, timeout: .seconds(60))
        #expect(result.exitCode == 2)
        #expect(result.stderr == "brickyard repair: the mock executor keeps no nodes to compare with; use --executor local, ssh or kubectl\n")
    }
}
