import TestSupport
import Foundation
import NodeTransport
import Testing

/// `brickyard import-heketi` on the recorded Heketi v10.4 export, then `brickyard serve` on the database it wrote:
/// the REST API answers as Heketi did.
@Suite struct ImportHeketiCommandTests {
    static let export = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/heketi/db-export-small.json").path
    static let disperse = "04f6cf0cdd43f2cf8174f0d10b9fbd47"
    static let device = "29068edc8d9cdeb2589aec2cb48ceecb"

    func brickyard(_ arguments: [String]) async throws -> CommandResult {
        try await ProcessRunner.run([try ServerProcess.executable().path] + arguments, timeout: .seconds(60))
    }

    /// The fixture's section `name`, entry `id`, as JSON.
    func exported(_ name: String, _ id: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.export)))
        let section = try #require((object as? [String: Any])?[name] as? [String: Any])
        return try #require(section[id] as? [String: Any])
    }

    @Test func importsOnceThenServesWhatHeketiHad() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("brickyard.db")
        let imported = try await self.brickyard(["import-heketi", Self.export, "--db", database])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        #expect(imported.stdout == "Imported into \(database): 1 cluster, 3 nodes, 6 devices, 3 volumes, 10 bricks.\n")

        let again = try await self.brickyard(["import-heketi", Self.export, "--db", database])
        #expect(again.exitCode == 1)
        #expect(
            again.stderr
                == "brickyard import-heketi: the database \(database) already holds 23 entries; import only into a new database\n"
        )

        let server = try await ServerProcess.start(database: database)
        let list = try await server.json("/volumes")
        #expect(
            Set(list["volumes"] as? [String] ?? []) == [
                "04f6cf0cdd43f2cf8174f0d10b9fbd47", "68d81e19df3dc2ca349f7c7291bf50c0",
                "9d2237cdefb5f7ed5b6432804040b486",
            ])

        let volume = try await server.json("/volumes/\(Self.disperse)")
        let heketiVolume = try #require(try self.exported("volumeentries", Self.disperse)["Info"] as? [String: Any])
        #expect(volume["size"] as? Int == 7 && heketiVolume["size"] as? Int == 7)
        #expect(volume["name"] as? String == heketiVolume["name"] as? String)
        #expect(volume["gid"] as? Int == 2002)
        let durability = try #require(volume["durability"] as? [String: Any])
        #expect(durability["type"] as? String == "disperse")
        #expect((durability["disperse"] as? [String: Any])?["data"] as? Int == 2)
        #expect((durability["disperse"] as? [String: Any])?["redundancy"] as? Int == 1)
        let bricks = try #require(volume["bricks"] as? [[String: Any]])
        #expect(bricks.count == 6)
        for brick in bricks {
            let id = try #require(brick["id"] as? String)
            let heketiBrick = try #require(try self.exported("brickentries", id)["Info"] as? [String: Any])
            #expect(brick["path"] as? String == heketiBrick["path"] as? String)
            #expect(brick["size"] as? Int == heketiBrick["size"] as? Int)
            #expect(brick["device"] as? String == heketiBrick["device"] as? String)
            #expect(brick["node"] as? String == heketiBrick["node"] as? String)
        }
        // Bricks come in set order: the 2 GiB set, then the 1.5 GiB set from the expansion.
        #expect(
            bricks.map { $0["size"] as? Int } == [2_097_152, 2_097_152, 2_097_152, 1_572_864, 1_572_864, 1_572_864])

        let device = try await server.json("/devices/\(Self.device)")
        let heketiDevice = try #require(try self.exported("deviceentries", Self.device)["Info"] as? [String: Any])
        let storage = try #require(device["storage"] as? [String: Any])
        let heketiStorage = try #require(heketiDevice["storage"] as? [String: Any])
        for field in ["total", "used", "free"] {
            #expect(storage[field] as? Int == heketiStorage[field] as? Int, "storage.\(field)")
        }
        #expect(device["name"] as? String == "/dev/sdc")
        #expect(
            Set((device["bricks"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }) == [
                "00bc274561e37bebb69bf455011ccb7c", "815910de9abdecfd7c0bf7f8f11f0f65",
            ])
        try await server.kill(signal: SIGTERM)
    }

    @Test func jsonSummary() async throws {
        let directory = try TemporaryDirectory()
        let result = try await self.brickyard([
            "import-heketi", Self.export, "--db", directory.path("b.db"), "--output", "json",
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["volumes"] as? Int == 3 && object["bricks"] as? Int == 10 && object["devices"] as? Int == 6)
        #expect(object["notes"] as? [String] == [])
    }

    /// A bad export is one line and exit 1, and leaves no database behind; a bad command line is exit 2.
    @Test func badInputChangesNothing() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("b.db")
        var text = try String(contentsOfFile: Self.export, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "\"device\": \"29068edc8d9cdeb2589aec2cb48ceecb\"",
            with: "\"device\": \"ffffffffffffffffffffffffffffffff\"")
        let broken = directory.path("broken.json")
        try text.write(toFile: broken, atomically: true, encoding: .utf8)
        let result = try await self.brickyard(["import-heketi", broken, "--db", database])
        #expect(result.exitCode == 1)
        #expect(result.stderr.hasPrefix("brickyard import-heketi: \(broken): volume "))
        #expect(
            result.stderr.hasSuffix(" is on device ffffffffffffffffffffffffffffffff, which the export does not list\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: database))

        let missing = try await self.brickyard(["import-heketi", directory.path("none.json"), "--db", database])
        #expect(missing.exitCode == 1)
        let usage = try await self.brickyard(["import-heketi", "--db", database])
        #expect(usage.exitCode == 2)
        #expect(usage.stderr.contains("import-heketi needs the file"))
        let extra = try await self.brickyard(["import-heketi", Self.export, "--bogus", "1"])
        #expect(extra.exitCode == 2)
    }
}
