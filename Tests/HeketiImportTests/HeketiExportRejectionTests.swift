import Foundation
import HeketiImport
import Testing

/// Broken exports are refused with one line naming the entry at fault.
@Suite struct HeketiExportRejectionTests {
    static let volume = "9d2237cdefb5f7ed5b6432804040b486"
    static let brick = "3aa879c23db5f93c9ab86907b683f18a"
    static let node = "ba17e752bfda4834e5ec02532f925792"
    static let device = "7f219f04905ba21168e3e45a7883fcd8"
    static let unknown = "ffffffffffffffffffffffffffffffff"

    func failure(_ data: Data) -> String? {
        do {
            _ = try HeketiExportConverter.convert(data)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func failure(editing path: [String], to value: Any?) throws -> String? {
        self.failure(try ExportFixture.editing(path, to: value))
    }

    @Test func notJSON() {
        #expect(
            self.failure(Data("heketi.db".utf8))
                == "the export: not valid JSON (is this the output of `heketi db export`?)")
    }

    @Test func missingSection() throws {
        #expect(
            try self.failure(editing: ["brickentries"], to: nil)
                == "the export: brickentries is missing; is this the output of `heketi db export`?")
    }

    @Test(arguments: [
        (["nodeentries", node, "Info", "zone"], "node \(node): Info.zone is missing"),
        (["nodeentries", node, "Info", "hostnames", "storage"], "node \(node): Info.hostnames.storage is missing"),
        (["deviceentries", device, "Info", "storage"], "device \(device): Info.storage.total is missing"),
        (["volumeentries", volume, "Info", "size"], "volume \(volume): Info.size is missing"),
        (["brickentries", brick, "TpSize"], "volume \(volume): brick \(brick): TpSize is missing"),
        (["brickentries", brick, "Info", "path"], "volume \(volume): brick \(brick): Info.path is missing"),
    ])
    func missingField(path: [String], message: String) throws {
        #expect(try self.failure(editing: path, to: nil) == message)
    }

    @Test func wrongType() throws {
        #expect(
            try self.failure(editing: ["nodeentries", Self.node, "Info", "zone"], to: "three")
                == "nodeentries.\(Self.node).Info.zone: expected a number")
    }

    @Test func brickOnAnUnlistedDevice() throws {
        #expect(
            try self.failure(editing: ["brickentries", Self.brick, "Info", "device"], to: Self.unknown)
                == "volume \(Self.volume): brick \(Self.brick) is on device \(Self.unknown), which the export does not list"
        )
    }

    @Test func danglingReferences() throws {
        #expect(
            try self.failure(editing: ["nodeentries", Self.node, "Info", "cluster"], to: Self.unknown)
                == "node \(Self.node) is in cluster \(Self.unknown), which the export does not list")
        #expect(
            try self.failure(editing: ["brickentries", Self.brick, "Info", "volume"], to: Self.unknown)
                == "brick \(Self.brick) belongs to volume \(Self.unknown), which the export does not list")
        let bricks = ["00bc274561e37bebb69bf455011ccb7c", "037b335ac619d5a23b4666e949cd8588", Self.brick, Self.unknown]
        #expect(
            try self.failure(editing: ["volumeentries", Self.volume, "Bricks"], to: bricks)
                == "volume \(Self.volume) lists brick \(Self.unknown), which the export does not list")
    }

    @Test func brickMissingFromItsVolumeList() throws {
        let bricks = ["00bc274561e37bebb69bf455011ccb7c", "037b335ac619d5a23b4666e949cd8588"]
        #expect(
            try self.failure(editing: ["volumeentries", Self.volume, "Bricks"], to: bricks)
                == "volume \(Self.volume): brick \(Self.brick) is missing from volume \(Self.volume)'s Bricks")
    }

    @Test func duplicateIDs() throws {
        let bricks = ["00bc274561e37bebb69bf455011ccb7c", "037b335ac619d5a23b4666e949cd8588", Self.brick, Self.brick]
        #expect(
            try self.failure(editing: ["volumeentries", Self.volume, "Bricks"], to: bricks)
                == "volume \(Self.volume) lists brick \(Self.brick) twice")
        // The same id as two keys of one section: the decoder would keep one without a word.
        var text = String(decoding: try ExportFixture.data(), as: UTF8.self)
        let entry = "\"\(Self.brick)\": {"
        let range = try #require(text.range(of: "\"brickentries\": {"))
        text.insert(contentsOf: entry + "\"Info\": {}}, ", at: range.upperBound)
        #expect(self.failure(Data(text.utf8)) == "brickentries: \"\(Self.brick)\" appears twice")
        // An entry filed under one id that says it is another.
        #expect(
            try self.failure(editing: ["nodeentries", Self.node, "Info", "id"], to: Self.unknown)
                == "node \(Self.node): its Info.id is \"\(Self.unknown)\", not the key it is filed under")
    }

    @Test func conflictingHostnames() throws {
        let message = try self.failure(
            editing: ["nodeentries", Self.node, "Info", "hostnames", "storage"], to: ["192.0.2.10"])
        #expect(
            message?.hasSuffix("hostnames.storage \"192.0.2.10\" is also used by node 9a369746bb205ca525920707db88534b")
                == true)
    }

    @Test func invalidValues() throws {
        #expect(
            try self.failure(
                editing: ["volumeentries", Self.volume, "Info", "durability", "replicate", "replica"], to: 4)
                == "volume \(Self.volume): durability.replicate.replica: 4 is above the maximum 3")
        #expect(
            try self.failure(editing: ["deviceentries", Self.device, "Info", "name"], to: "sdb")
                == "device \(Self.device): name: \"sdb\" must match ^/[a-zA-Z0-9_.:/-]+$")
        #expect(
            try self.failure(editing: ["clusterentries", "x"], to: ["Info": ["id": "x"]])
                == "clusterentries: key: \"x\" is not an id (32 lowercase hex characters)")
    }

    @Test func unfinishedOperationsAndBlockVolumes() throws {
        #expect(
            try self.failure(editing: ["volumeentries", Self.volume, "Pending", "Id"], to: Self.unknown)
                == "volume \(Self.volume) belongs to the unfinished Heketi operation \(Self.unknown); "
                + "let Heketi finish or clean it up, then export again")
        #expect(
            try self.failure(editing: ["blockvolumeentries", Self.unknown], to: [String: Any]())
                == "blockvolumeentries: 1 block volume(s); Brickyard does not manage gluster-block")
    }

    @Test func overcommittedDevice() throws {
        #expect(
            try self.failure(editing: ["deviceentries", Self.device, "Info", "storage", "total"], to: 1_048_576)
                == "device \(Self.device): its bricks reserve 5.53 GiB but the device holds only 1 GiB")
    }

    @Test func bricksThatDoNotMakeSets() throws {
        #expect(
            try self.failure(editing: ["brickentries", Self.brick, "Info", "size"], to: 1_048_576)
                == "volume \(Self.volume): its 2 data bricks of 2 GiB do not make whole sets of 3 (replica 3)")
    }
}
