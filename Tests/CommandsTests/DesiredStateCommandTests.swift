import TestSupport
import Foundation
import NodeTransport
import Testing

/// `brickyard plan` and `apply` as a team would run them: a directory of documents, the mock executor, a database.
@Suite struct DesiredStateCommandTests {
    static let topology = """
        {"clusters": [{"nodes": [
          {"node": {"hostnames": {"manage": ["node1"], "storage": ["10.0.0.1"]}, "zone": 1}, "devices": ["/dev/sdb"]},
          {"node": {"hostnames": {"manage": ["node2"], "storage": ["10.0.0.2"]}, "zone": 2}, "devices": ["/dev/sdb"]},
          {"node": {"hostnames": {"manage": ["node3"], "storage": ["10.0.0.3"]}, "zone": 3}, "devices": ["/dev/sdb"]}
        ]}]}
        """

    static func claim(_ name: String, size: Int, extra: String = "") -> String {
        "kind: VolumeClaim\nname: \(name)\nsize: \(size)\n\(extra)"
    }

    struct Workspace {
        let directory: TemporaryDirectory
        var documents: String { self.directory.path("documents") }
        var database: String { self.directory.path("brickyard.db") }

        init() throws {
            self.directory = try TemporaryDirectory()
            try FileManager.default.createDirectory(atPath: self.documents, withIntermediateDirectories: true)
            try DesiredStateCommandTests.topology.write(
                toFile: self.documents + "/topology.json", atomically: true, encoding: .utf8)
        }

        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: self.documents + "/" + name, atomically: true, encoding: .utf8)
        }

        func remove(_ name: String) throws {
            try FileManager.default.removeItem(atPath: self.documents + "/" + name)
        }

        func brickyard(_ arguments: [String]) async throws -> CommandResult {
            try await ProcessRunner.run(
                [try ServerProcess.executable().path] + arguments + ["--desired", self.documents, "--db", self.database],
                timeout: .seconds(60))
        }
    }

    @Test func applyConvergesAndPlanThenShowsNothing() async throws {
        let workspace = try Workspace()
        try workspace.write("app.yaml", Self.claim("app", size: 10))
        try workspace.write("logs.yaml", Self.claim("logs", size: 2, extra: "durability: none\n"))

        let first = try await workspace.brickyard(["plan"])
        #expect(first.exitCode == 2)
        #expect(first.stdout.hasSuffix("Plan: 9 to add, 0 to change, 0 to delete.\n"))
        let applied = try await workspace.brickyard(["apply", "--executor", "mock"])
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("+ volume app: 10 GiB, replica 3  [done in "))
        #expect(applied.stdout.hasSuffix("Apply complete: 9 of 9 steps. 9 to add, 0 to change, 0 to delete.\n"))
        let again = try await workspace.brickyard(["plan"])
        #expect(again.exitCode == 0)
        let status = try await ProcessRunner.run(
            [try ServerProcess.executable().path, "status", "--db", workspace.database, "--output", "json"],
            timeout: .seconds(60))
        #expect(status.exitCode == 0, "\(status.stderr)")
        let objects = (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["objects"]
            as? [[String: Any]] ?? []
        #expect(objects.count == 3 + 3 + 2)
        #expect(objects.allSatisfy { $0["phase"] as? String == "Ready" })
        #expect(again.stdout == "No changes: the store matches the documents.\n")

        // A bigger claim is an expansion; JSON lists it under `actions`.
        try workspace.write("app.yaml", Self.claim("app", size: 15))
        let grown = try await workspace.brickyard(["plan", "--output", "json"])
        #expect(grown.exitCode == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(grown.stdout.utf8)) as? [String: Any])
        let actions = try #require(object["actions"] as? [[String: Any]])
        #expect(actions.map { $0["action"] as? String } == ["expand_volume"])
        #expect(actions.first?["description"] as? String == "~ volume app: 10 GiB -> 15 GiB")
        #expect(try await workspace.brickyard(["apply", "--executor", "mock"]).exitCode == 0)
        #expect(try await workspace.brickyard(["plan"]).exitCode == 0)

        // A smaller claim is refused and changes nothing.
        try workspace.write("app.yaml", Self.claim("app", size: 5))
        let refusedPlan = try await workspace.brickyard(["plan"])
        #expect(refusedPlan.exitCode == 1)
        #expect(refusedPlan.stdout.contains("x refused: app.yaml:1:1: volume app is 15 GiB; shrinking it to 5 GiB is not possible"))
        // It does not also say the store matches the documents.
        #expect(!refusedPlan.stdout.contains("No changes: the store matches"))
        #expect(refusedPlan.stdout.contains("No changes can be made: 1 refusal; fix the documents and plan again."))
        let shrink = try await workspace.brickyard(["apply", "--executor", "mock"])
        #expect(shrink.exitCode == 1)
        #expect(shrink.stderr.contains("app.yaml:1:1: volume app is 15 GiB; shrinking it to 5 GiB is not possible"))
        try workspace.write("app.yaml", Self.claim("app", size: 15))
        #expect(try await workspace.brickyard(["plan"]).exitCode == 0)
    }

    @Test func aRemovedClaimIsDeletedOnlyWithPruneOrItsPolicy() async throws {
        let workspace = try Workspace()
        try workspace.write("keep.yaml", Self.claim("keep", size: 1))
        try workspace.write("drop.yaml", Self.claim("drop", size: 1, extra: "deletionPolicy: Delete\n"))
        #expect(try await workspace.brickyard(["apply", "--executor", "mock"]).exitCode == 0)
        try workspace.remove("keep.yaml")
        try workspace.remove("drop.yaml")

        let plan = try await workspace.brickyard(["plan"])
        #expect(plan.exitCode == 2)
        #expect(plan.stdout.contains("- volume drop (its claim is gone; deletionPolicy Delete)"))
        #expect(plan.stdout.contains("! volume keep: its claim is gone (kept; apply with --prune to delete it)"))
        #expect(try await workspace.brickyard(["apply", "--executor", "mock"]).exitCode == 0)
        let kept = try await workspace.brickyard(["plan"])
        #expect(kept.exitCode == 0)
        #expect(kept.stdout.contains("! volume keep: its claim is gone"))

        let pruned = try await workspace.brickyard(["apply", "--executor", "mock", "--prune"])
        #expect(pruned.exitCode == 0)
        #expect(pruned.stdout.contains("- volume keep (its claim is gone; --prune)  [done in "))
        let empty = try await workspace.brickyard(["plan", "--prune"])
        #expect(empty.stdout == "No changes: the store matches the documents.\n")
    }

    /// One bad document stops everything before any change, and says where it is.
    @Test func aBadDocumentStopsTheApplyBeforeAnyChange() async throws {
        let workspace = try Workspace()
        try workspace.write("good.yaml", Self.claim("good", size: 1))
        try workspace.write("bad.yaml", Self.claim("bad", size: 1, extra: "replicas: 3\n"))
        let result = try await workspace.brickyard(["apply", "--executor", "mock"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.hasPrefix("brickyard apply: bad.yaml:4:1: VolumeClaim: unknown key \"replicas\""))
        #expect(!FileManager.default.fileExists(atPath: workspace.database))
    }
}
