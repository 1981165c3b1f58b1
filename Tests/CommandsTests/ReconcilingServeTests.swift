import TestSupport
import Curl
import Foundation
import HTTPTypes
import Testing

/// `brickyard serve --desired DIR` as a controller with the mock executor: converges at start, notices an edited
/// document, and reports its passes in /metrics.
@Suite struct ReconcilingServeTests {
    @Test(.timeLimit(.minutes(2)))
    func theServerConvergesOnTheDocumentsAndFollowsEdits() async throws {
        let directory = try TemporaryDirectory()
        let documents = directory.path("documents")
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
        try DesiredStateCommandTests.topology.write(
            toFile: documents + "/topology.json", atomically: true, encoding: .utf8)
        try DesiredStateCommandTests.claim("first", size: 2).write(
            toFile: documents + "/first.yaml", atomically: true, encoding: .utf8)
        let server = try await ServerProcess.start(
            database: directory.path("brickyard.db"), arguments: ["--desired", documents, "--resync-period", "60"])

        @Sendable func volumeNames() async throws -> [String] {
            let list = try await server.json("/volumes")
            var names: [String] = []
            for id in list["volumes"] as? [String] ?? [] {
                names.append(try await server.json("/volumes/\(id)")["name"] as? String ?? "")
            }
            return names.sorted()
        }
        func waitFor(_ expected: [String]) async throws {
            _ = try await eventually(timeout: .seconds(30)) { try await volumeNames() == expected }
        }
        try await waitFor(["first"])
        #expect(try await volumeNames() == ["first"])
        let nodes = try await server.json("/clusters")["clusters"] as? [String] ?? []
        #expect(nodes.count == 1)

        // A new document is noticed without waiting for the resync period.
        try DesiredStateCommandTests.claim("second", size: 1).write(
            toFile: documents + "/second.yaml", atomically: true, encoding: .utf8)
        try await waitFor(["first", "second"])
        #expect(try await volumeNames() == ["first", "second"])

        let metrics = try await server.request("GET", "/metrics").bodyText
        #expect(metrics.contains("brickyard_reconcile_total{result=\"changed\"} 2"))
        #expect(metrics.contains("brickyard_actions_total{action=\"create_volume\",result=\"succeeded\"} 2"))
        #expect(metrics.contains("brickyard_queue_depth 0"))
        #expect(metrics.contains("brickyard_reconcile_duration_seconds_count 2"))

        // A broken document stops the pass and changes nothing; the server keeps serving.
        try "kind: VolumeClaim\nname: third\n".write(toFile: documents + "/third.yaml", atomically: true, encoding: .utf8)
        #expect(await eventually { server.log.contains("event=desired_state_invalid") })
        #expect(server.log.contains("third.yaml:1:1: VolumeClaim: \\\"size\\\" is required"))
        #expect(try await volumeNames() == ["first", "second"])
        try await server.kill(signal: SIGTERM)
    }
}
