import TestSupport
import Foundation
import Testing

/// `topology load` and `topology info` against a real server: loading twice changes nothing the second time.
@Suite(.serialized) struct ClientTopologyCommandTests {
    @Test func loadingTwiceCreatesOnceThenFindsEverything() async throws {
        let fixture = try await ClientFixture.start()
        let path = try fixture.writeTopology()

        let first = try await fixture.run("topology", "load", "--json", path)
        #expect(first.code == 0, "\(first.errors)")
        #expect(first.lines.filter { $0.contains(": created") }.count == 4)
        #expect(first.lines.filter { $0.contains(": added") }.count == 4)
        #expect(first.lines.contains { $0.hasPrefix("  Node node1 (") && $0.hasSuffix("): created") })
        #expect(first.lines.contains { $0.hasPrefix("    Device /dev/sdc (") && $0.hasSuffix("): added") })
        #expect(first.lines.contains("Topology loaded: 8 created, 0 already present, 0 failed"))
        let before = try await fixture.run("db", "dump").output

        let second = try await fixture.run("topology", "load", "--json", path)
        #expect(second.code == 0)
        #expect(second.lines.filter { $0.hasSuffix("found, left as it is") }.count == 8)
        #expect(second.lines.contains("Topology loaded: 0 created, 8 already present, 0 failed"))
        let after = try await fixture.run("topology", "info", "--output", "json").object()
        #expect((after["clusters"] as? [Any])?.count == 1)
        #expect((after.value("clusters", 0, "nodes") as? [Any])?.count == 3)
        // The database holds the same clusters, nodes and devices; only the operations log may differ.
        let entries = { (dump: String) throws -> String in
            let object = try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any] ?? [:]
            let kept = object.filter { ["clusterentries", "nodeentries", "deviceentries", "volumeentries", "brickentries"].contains($0.key) }
            let data = try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try entries(before) == entries(try await fixture.run("db", "dump").output))
        #expect(try entries(before).contains("node3"))

        // A file with one more node adds just that node, in the existing cluster.
        let grown = try await fixture.run("topology", "load", "--json", try fixture.writeTopology(extraNode: true))
        #expect(grown.code == 0)
        #expect(grown.lines.contains("Topology loaded: 2 created, 8 already present, 0 failed"))
        let clusters = try await fixture.run("cluster", "list", "--output", "json").object()
        #expect((clusters["clusters"] as? [Any])?.count == 1)
    }

    @Test func loadReportsEveryItemAsJSONAndYAML() async throws {
        let fixture = try await ClientFixture.start()
        let path = try fixture.writeTopology()
        let json = try await fixture.run("topology", "load", "--json", path, "--output", "json")
        #expect(json.code == 0)
        let result = try json.object()
        #expect(result["created"] as? Int == 8)
        #expect(result["failed"] as? Int == 0)
        let events = try #require(result["events"] as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["cluster", "node", "device", "device", "node", "device", "node", "device"])
        let yaml = try await fixture.run("--output", "yaml", "topology", "load", "--json", path)
        #expect(yaml.code == 0)
        #expect(yaml.lines.contains("found: 8"))
        #expect(yaml.lines.contains("created: 0"))
    }

    @Test func aLargeFileIsReportedInItsOwnOrderThoughNodesAreSettledTogether() async throws {
        let fixture = try await ClientFixture.start()
        let nodes = (1...12).map { index in
            #"{"node":{"hostnames":{"manage":["big\#(index)"],"storage":["10.0.1.\#(index)"]},"#
                + #""zone":\#(1 + index % 3)},"devices":["/dev/sdb","/dev/sdc","/dev/sdd"]}"#
        }
        let path = fixture.directory.path("big.json")
        let file = #"{"clusters":[{"nodes":[\#(nodes.joined(separator: ","))]}]}"#
        try Data(file.utf8).write(to: URL(fileURLWithPath: path))
        let run = try await fixture.run("topology", "load", "--json", path, "--output", "json")
        #expect(run.code == 0, "\(run.errors)")
        let events = try #require(try run.object()["events"] as? [[String: Any]])
        let devices = ["device:/dev/sdb", "device:/dev/sdc", "device:/dev/sdd"]
        let expected = ["cluster:"] + (1...12).flatMap { ["node:big\($0)"] + devices }
        #expect(events.map { "\($0["kind"] as? String ?? ""):\($0["name"] as? String ?? "")" } == expected)
        #expect(events.allSatisfy { $0["outcome"] as? String == "created" && $0["id"] is String })
        let info = try await fixture.run("topology", "info", "--output", "json").object()
        #expect((info.value("clusters", 0, "nodes") as? [Any])?.count == 12)
    }

    @Test func anEntryNamingTheHostOfAnEarlierOneFailsAsInASequentialLoad() async throws {
        let fixture = try await ClientFixture.start()
        let path = fixture.directory.path("twice.json")
        try Data(
            (#"{"clusters":[{"nodes":["#
                + #"{"node":{"hostnames":{"manage":["same"],"storage":["10.0.2.1"]},"zone":1},"devices":["/dev/sdb"]},"#
                + #"{"node":{"hostnames":{"manage":["same"],"storage":["10.0.2.2"]},"zone":2},"devices":["/dev/sdc"]}"#
                + #"]}]}"#).utf8
        ).write(to: URL(fileURLWithPath: path))
        let run = try await fixture.run("topology", "load", "--json", path, "--output", "json")
        #expect(run.code == 1)
        let events = try #require(try run.object()["events"] as? [[String: Any]])
        #expect(events.map { $0["outcome"] as? String } == ["created", "created", "created", "failed"])
        #expect(events.last?["name"] as? String == "same")
    }

    @Test func loadKeepsGoingPastARefusedItemAndExitsOne() async throws {
        let fixture = try await ClientFixture.start()
        let path = fixture.directory.path("bad.json")
        try Data(
            #"{"clusters":[{"nodes":[{"node":{"hostnames":{"manage":["node1"],"storage":["10.0.0.1"]},"zone":1},"devices":["relative/path","/dev/sdb"]}]}]}"#
                .utf8
        ).write(to: URL(fileURLWithPath: path))
        let run = try await fixture.run("topology", "load", "--json", path)
        #expect(run.code == 1)
        #expect(run.lines.contains { $0.hasPrefix("    Device relative/path: failed: ") })
        #expect(run.lines.contains { $0.hasPrefix("    Device /dev/sdb (") && $0.hasSuffix("): added") })
        #expect(run.errorLines == ["brickyard: 1 item of the topology could not be loaded"])
    }

    @Test func topologyInfoInEveryFormat() async throws {
        let fixture = try await ClientFixture.start()
        let info = try await fixture.loadTopology()
        let clusterID = try #require(info.value("clusters", 0, "id") as? String)
        let text = try await fixture.run("topology", "info")
        #expect(text.code == 0)
        #expect(text.lines.first == "Cluster \(clusterID) (volumes: file, block)")
        #expect(text.lines.contains { $0.hasPrefix("    node1 (") && $0.hasSuffix(") zone 1, online, storage 10.0.0.1") })
        #expect(text.lines.contains { $0.hasPrefix("      /dev/sdc ") && $0.contains("500 GiB") })
        let yaml = try await fixture.run("topology", "info", "--output", "yaml")
        #expect(yaml.lines.first == "clusters:")
        #expect(yaml.output.contains("- id: \(clusterID)") || yaml.output.contains("id: \(clusterID)"))
        // Machine-readable output is stable: the same state prints the same bytes.
        #expect(try await fixture.run("topology", "info", "--output", "json").output
            == (try await fixture.run("topology", "info", "--output", "json").output))
    }

    @Test func aMissingOrBrokenFileIsAUsageError() async throws {
        let fixture = try await ClientFixture.start()
        let missing = try await fixture.run("topology", "load", "--json", fixture.directory.path("nope.json"))
        #expect(missing.code == 2)
        #expect(missing.errorLines.count == 1)
        #expect(missing.errors.contains("cannot read"))
        let path = fixture.directory.path("broken.json")
        try Data(#"{"clusters":[{"nodes":[{"node":{"zone":1},"devices":[]}]}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        let broken = try await fixture.run("topology", "load", "--json", path)
        #expect(broken.code == 2)
        #expect(broken.errorLines == ["brickyard: option --json: \(path): missing clusters[0].nodes[0].node.hostnames"])
    }
}
