import Foundation
import Testing

/// `volume create|list|info|expand|delete` against a real server, in text and JSON.
@Suite(.serialized) struct ClientVolumeCommandTests {
    @Test func createShowsTheFailureDomainLayout() async throws {
        let fixture = try await ClientFixture.start()
        _ = try await fixture.loadTopology()
        let create = try await fixture.run("volume", "create", "--size", "10", "--replica", "3", "--name", "data")
        #expect(create.code == 0, "\(create.errors)")
        #expect(create.lines.contains("Name:             data"))
        #expect(create.lines.contains("Size:             10 GiB"))
        #expect(create.lines.contains("Durability:       replicate 3"))
        let header = try #require(create.lines.firstIndex { $0.hasPrefix("  SET  ZONE  NODE") })
        let rows = create.lines[(header + 1)...].filter { !$0.isEmpty }
        #expect(rows.count == 3)
        // One brick in each zone, each on its own node.
        let zones = rows.map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
        #expect(Set(zones) == ["1", "2", "3"])
        #expect(rows.allSatisfy { $0.hasPrefix("  1    ") && $0.contains("10 GiB") })
    }

    @Test func everyVolumeVerbInTextAndJSON() async throws {
        let fixture = try await ClientFixture.start()
        _ = try await fixture.loadTopology()
        let json = try await fixture.run(
            "volume", "create", "--size", "5", "--arbiter", "--gid", "1000", "--snapshot-factor", "1.5",
            "--gluster-volume-options", "performance.readdir-ahead on", "--output", "json")
        #expect(json.code == 0, "\(json.errors)")
        let volume = try json.object()
        let id = try #require(volume["id"] as? String)
        #expect(volume.value("durability", "type") as? String == "replicate")
        #expect(volume["gid"] as? Int == 1000)
        #expect(volume.value("snapshot", "enable") as? Bool == true)
        #expect((volume["glustervolumeoptions"] as? [String])?.contains("user.heketi.arbiter true") == true)
        #expect((volume["bricks"] as? [Any])?.count == 3)

        let disperse = try await fixture.run(
            "volume", "create", "--size", "4", "--durability", "disperse", "--disperse-data", "2", "--redundancy", "1")
        #expect(disperse.code == 0, "\(disperse.errors)")
        #expect(disperse.lines.contains("Durability:       disperse 2+1"))

        let info = try await fixture.run("volume", "info", id)
        #expect(info.lines.contains("Durability:       arbiter (replica 3, arbiter 1)"))
        #expect(info.lines.contains("GID:              1000"))
        #expect(info.lines.contains { $0.hasSuffix("(arbiter)") == false && $0.contains("(arbiter)") })
        #expect(try await fixture.run("volume", "info", id, "--output", "json").object()["id"] as? String == id)

        let list = try await fixture.run("volume", "list")
        #expect(list.lines.first?.hasPrefix("ID") == true)
        #expect(list.lines.filter { !$0.isEmpty }.count == 3)
        #expect(list.lines.contains { $0.hasPrefix(id) && $0.contains("5 GiB") && $0.contains("arbiter") })
        let listed = try await fixture.run("volume", "list", "--output", "json").object()
        #expect((listed["volumes"] as? [String])?.contains(id) == true)

        let expand = try await fixture.run("volume", "expand", id, "--expand-size", "5")
        #expect(expand.code == 0, "\(expand.errors)")
        #expect(expand.lines.contains("Size:             10 GiB"))
        #expect(expand.lines.contains("Distribute count: 2"))
        #expect(expand.lines.contains { $0.hasPrefix("  2    ") })

        let delete = try await fixture.run("volume", "delete", id)
        #expect(delete.code == 0)
        #expect(delete.lines.first == "Volume \(id) deleted")
        let gone = try await fixture.run("volume", "info", id)
        #expect(gone.code == 1)
        #expect(gone.errorLines == ["brickyard: Id not found"])
        #expect(gone.output.isEmpty)
        let deletedJSON = try await fixture.run("volume", "delete", id, "--output", "json")
        #expect(deletedJSON.code == 1)
    }

    @Test func aVolumeThatDoesNotFitFailsWithTheServersReason() async throws {
        let fixture = try await ClientFixture.start()
        _ = try await fixture.loadTopology()
        let run = try await fixture.run("volume", "create", "--size", "4000")
        #expect(run.code == 1)
        #expect(run.errorLines.count == 1)
        #expect(run.errorLines.first?.hasPrefix("brickyard: ") == true)
        #expect(run.output.isEmpty)
    }

    @Test func slowOperationsShowPlainProgressLinesOnStandardError() async throws {
        // Every mock action takes 300 ms, so a replica-3 create runs for about two seconds.
        let fixture = try await ClientFixture.start(environment: ["BRICKYARD_MOCK_DELAY_MS": "300"])
        _ = try await fixture.loadTopology()
        let run = try await fixture.run("volume", "create", "--size", "1", "--output", "json")
        #expect(run.code == 0, "\(run.errors)")
        #expect(run.errorLines.first == "creating volume: still running after 1s")
        #expect(run.errorLines.last?.hasPrefix("creating volume: done after ") == true)
        // Standard output holds only the document.
        #expect(try run.object()["size"] as? Int == 1)
    }
}
