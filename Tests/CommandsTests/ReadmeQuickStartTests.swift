import TestSupport
import Foundation
import NodeTransport
import Testing

/// The README's quick start, taken from the README itself (the block after `<!-- quick-start -->`) and run with
/// bash against a fresh server, so the README cannot drift from what the server does.
@Suite struct ReadmeQuickStartTests {
    static func quickStart() throws -> String {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let marker = text.range(of: "<!-- quick-start -->\n```sh\n"),
            let end = text.range(of: "\n```", range: marker.upperBound..<text.endIndex)
        else { throw ServerProcessError("the README has no quick-start block") }
        return String(text[marker.upperBound..<end.lowerBound])
    }

    @Test func theQuickStartWorksWhenPastedInOrder() async throws {
        let directory = try TemporaryDirectory()
        let server = try await ServerProcess.start(database: directory.path("brickyard.db"))
        let script = "set -euo pipefail\n" + (try Self.quickStart())
        var environment = ProcessInfo.processInfo.environment
        environment["B"] = "http://127.0.0.1:\(server.port)"
        let result = try await ProcessRunner.run(["bash", "-c", script], environment: environment, timeout: .seconds(60))
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("/queue/") })
        #expect(lines.contains("HTTP/1.1 303 See Other"))
        let volumes = try #require(try await server.json("/volumes")["volumes"] as? [String])
        #expect(volumes.count == 1)
        #expect(result.stdout.contains(#""id":"\#(volumes[0])""#))
        #expect(lines.last == #"{"volumes":["\#(volumes[0])"]}"#)
        try await server.kill(signal: SIGTERM)
    }
}
