import Foundation
import Testing

/// `cluster`, `node`, `device`, `server` and `db` verbs against a real server, in text and JSON.
@Suite(.serialized) struct ClientResourceCommandTests {
    @Test func clusterVerbs() async throws {
        let fixture = try await ClientFixture.start()
        let create = try await fixture.run("cluster", "create", "--block", "false")
        #expect(create.code == 0, "\(create.errors)")
        let id = try #require(create.lines.first?.split(separator: " ").dropFirst().first.map(String.init))
        #expect(create.lines.first == "Cluster \(id) created")
        #expect(create.lines.contains("Block volumes: no"))
        let json = try await fixture.run("cluster", "create", "--output", "json").object()
        let second = try #require(json["id"] as? String)
        #expect(json["block"] as? Bool == true)

        let list = try await fixture.run("cluster", "list")
        #expect(list.lines.first == "ID                                NODES  VOLUMES  FILE  BLOCK")
        #expect(list.lines.contains("\(id)  0      0        yes   no"))
        let listed = try await fixture.run("cluster", "list", "--output", "json").object()
        #expect(Set(listed["clusters"] as? [String] ?? []) == [id, second])

        let flags = try await fixture.run("cluster", "setflags", id, "--block", "true", "--file", "false")
        #expect(flags.code == 0, "\(flags.errors)")
        #expect(flags.lines.contains("File volumes:  no"))
        #expect(flags.lines.contains("Block volumes: yes"))
        let info = try await fixture.run("cluster", "info", id, "--output", "json").object()
        #expect(info["file"] as? Bool == false)
        #expect(try await fixture.run("cluster", "info", id).lines.first == "Cluster:       \(id)")

        let delete = try await fixture.run("cluster", "delete", id)
        #expect(delete.lines == ["Cluster \(id) deleted", ""])
        let deleteJSON = try await fixture.run("cluster", "delete", second, "--output", "json").object()
        #expect(deleteJSON["result"] as? String == "deleted")
        #expect(try await fixture.run("cluster", "list").lines.first == "No clusters.")
    }

    @Test func nodeAndDeviceVerbs() async throws {
        let fixture = try await ClientFixture.start()
        let topology = try await fixture.loadTopology()
        let cluster = try #require(topology.value("clusters", 0, "id") as? String)

        let add = try await fixture.run(
            "node", "add", "--cluster", cluster, "--zone", "4", "--management-host-name", "node9",
            "--storage-host-name", "10.0.0.9", "--tags", "rack:r9")
        #expect(add.code == 0, "\(add.errors)")
        #expect(add.lines.contains("Zone:                4"))
        #expect(add.lines.contains("Tags:                rack=r9"))
        let node = try #require(add.lines.first?.split(separator: " ").last.map(String.init))

        let list = try await fixture.run("node", "list")
        #expect(list.lines.filter { !$0.isEmpty }.count == 5)
        #expect(list.lines.contains { $0.hasPrefix(node) && $0.contains("node9") && $0.contains("10.0.0.9") })
        let nodes = try await fixture.run("node", "list", "--output", "json").object()
        #expect((nodes["nodes"] as? [Any])?.count == 4)

        let device = try await fixture.run("device", "add", "--node", node, "--name", "/dev/vdb", "--tags", "ssd:yes")
        #expect(device.code == 0, "\(device.errors)")
        #expect(device.lines.first == "Device /dev/vdb added to node \(node)")
        #expect(device.lines.contains("Size:    500 GiB"))
        let deviceID = try #require(device.lines.dropFirst().first?.split(separator: " ").last.map(String.init))
        let info = try await fixture.run("device", "info", deviceID, "--output", "json").object()
        #expect(info["name"] as? String == "/dev/vdb")
        #expect(info.value("tags", "ssd") as? String == "yes")
        #expect(try await fixture.run("node", "info", node).lines.contains { $0.hasPrefix("  /dev/vdb ") })

        #expect(try await fixture.run("device", "disable", deviceID).lines.first == "Device \(deviceID) is now offline")
        let state = try await fixture.run("device", "info", deviceID, "--output", "json").object()
        #expect(state["state"] as? String == "offline")
        #expect(try await fixture.run("device", "enable", deviceID).lines.first == "Device \(deviceID) is now online")
        let resync = try await fixture.run("device", "resync", deviceID)
        #expect(resync.lines.first == "Device \(deviceID) resynced: 500 GiB")
        let tags = try await fixture.run("device", "settags", deviceID, "rack:r1", "--exact", "--output", "json")
        #expect(try tags.object()["tags"] as? [String: String] == ["rack": "r1"])
        #expect(try await fixture.run("device", "rmtags", deviceID, "rack").lines.first == "Device \(deviceID) tags: -")
        #expect(try await fixture.run("device", "disable", deviceID).code == 0)
        let removed = try await fixture.run("device", "remove", deviceID)
        #expect(removed.code == 0, "\(removed.errors)")
        #expect(removed.lines.first?.hasPrefix("Device \(deviceID) is now removed") == true)
        #expect(try await fixture.run("device", "delete", deviceID).lines.first == "Device \(deviceID) deleted")

        #expect(try await fixture.run("node", "settags", node, "zone:z", "--output", "yaml").lines.contains("  zone: z"))
        #expect(try await fixture.run("node", "rmtags", node, "rack").lines.first == "Node \(node) tags: zone=z")
        #expect(try await fixture.run("node", "disable", node).lines.first == "Node \(node) is now offline")
        let enabled = try await fixture.run("node", "enable", node, "--output", "json").object()
        #expect(enabled["state"] as? String == "online")
        #expect(try await fixture.run("node", "disable", node).code == 0)
        #expect(try await fixture.run("node", "remove", node).code == 0)
        #expect(try await fixture.run("node", "delete", node).lines.first == "Node \(node) deleted")
        let gone = try await fixture.run("node", "info", node)
        #expect(gone.code == 1)
        #expect(gone.errorLines == ["brickyard: Id not found"])
    }

    @Test func serverAndDatabaseVerbs() async throws {
        let fixture = try await ClientFixture.start()
        let operations = try await fixture.run("server", "operations", "info")
        #expect(operations.lines.prefix(2) == ["Operations:", "  Total:     0"])
        let counts = try await fixture.run("server", "operations", "info", "--output", "json").object()
        #expect(counts["in_flight"] as? Int == 0)

        #expect(try await fixture.run("server", "admin", "state", "get").lines.first == "Server mode: normal")
        #expect(try await fixture.run("server", "mode", "set", "read-only").lines.first == "Server mode: read-only")
        let refused = try await fixture.run("cluster", "create")
        #expect(refused.code == 1)
        #expect(refused.errorLines == ["brickyard: server is in read-only mode; changes are refused"])
        let state = try await fixture.run("server", "admin", "state", "get", "--output", "json").object()
        #expect(state["state"] as? String == "read-only")
        #expect(try await fixture.run("server", "admin", "state", "set", "normal").code == 0)

        _ = try await fixture.loadTopology()
        // Printed as the server sent it: Heketi's export format, entries keyed by id.
        let dump = try await fixture.run("db", "dump")
        #expect(dump.code == 0)
        #expect((try dump.object()["nodeentries"] as? [String: Any])?.count == 3)
        let yaml = try await fixture.run("db", "dump", "--output", "yaml")
        #expect(yaml.lines.contains("nodeentries:"))
    }
}
