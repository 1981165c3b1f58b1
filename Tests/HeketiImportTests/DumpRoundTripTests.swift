import Foundation
import HeketiAPI
import HeketiImport
import StorageModel
import Testing

/// A Heketi export read in, written out again in Heketi's format (`GET /db/dump`), and read once more gives the
/// same clusters, nodes, devices, volumes and bricks: what `heketi db export` recorded survives a round trip
/// through Brickyard.
@Suite struct DumpRoundTripTests {
    static func reimport(_ topology: Topology) throws -> ImportedTopology {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try HeketiExportConverter.convert(try encoder.encode(HeketiDatabaseDump(topology: topology)))
    }

    @Test func aHeketiExportRoundTripsExactly() throws {
        let first = try HeketiExportConverter.convert(try ExportFixture.data())
        let second = try Self.reimport(first.topology)
        #expect(second.clusters == first.clusters)
        #expect(second.nodes == first.nodes)
        #expect(second.devices == first.devices)
        #expect(second.bricks.sorted { $0.id < $1.id } == first.bricks.sorted { $0.id < $1.id })
        #expect(second.volumes == first.volumes)
        // The dump records set order, so the second import infers nothing.
        #expect(!second.notes.contains { if case .setsInferred = $0 { true } else { false } })
    }

    @Test func setsThatDisagreeWithTheBrickListAreRefused() throws {
        let first = try HeketiExportConverter.convert(try ExportFixture.data())
        let encoder = JSONEncoder()
        var object = try #require(
            try JSONSerialization.jsonObject(with: encoder.encode(HeketiDatabaseDump(topology: first.topology)))
                as? [String: Any])
        var volumes = try #require(object["volumeentries"] as? [String: [String: Any]])
        let (id, entry) = try #require(volumes.first { ($0.value["BrickSets"] as? [[String]])?.first?.count ?? 0 > 1 })
        var sets = try #require(entry["BrickSets"] as? [[String]])
        sets[0].removeLast()
        volumes[id]?["BrickSets"] = sets
        object["volumeentries"] = volumes
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: HeketiImportError.self) { _ = try HeketiExportConverter.convert(data) }
    }
}
