import Foundation
import HeketiImport
import StorageModel
import Testing

/// Arbiter volumes: Heketi marks them by `user.heketi.arbiter` and by each brick's SubType (2 for the arbiter).
@Suite struct ArbiterImportTests {
    static let volume = "9d2237cdefb5f7ed5b6432804040b486"
    static let arbiter = "3aa879c23db5f93c9ab86907b683f18a"

    func export(option: Bool, subType: Int) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: ExportFixture.data()) as? [String: Any])
        var volumes = try #require(object["volumeentries"] as? [String: Any])
        var volume = try #require(volumes[Self.volume] as? [String: Any])
        if option { volume["GlusterVolumeOptions"] = ["", "user.heketi.arbiter true", ""] }
        volumes[Self.volume] = volume
        object["volumeentries"] = volumes
        var bricks = try #require(object["brickentries"] as? [String: Any])
        var brick = try #require(bricks[Self.arbiter] as? [String: Any])
        brick["SubType"] = subType
        bricks[Self.arbiter] = brick
        object["brickentries"] = bricks
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test(arguments: [(true, 2), (false, 2)])
    func arbiterBrickGoesLast(option: Bool, subType: Int) throws {
        let result = try HeketiExportConverter.convert(try self.export(option: option, subType: subType))
        let volume = try #require(result.volumes.first { $0.id.description == Self.volume })
        #expect(volume.durability == .arbiter)
        #expect(
            volume.brickSets.map { $0.map(\.description) } == [
                ["037b335ac619d5a23b4666e949cd8588", "00bc274561e37bebb69bf455011ccb7c", Self.arbiter]
            ])
        #expect(result.bricks.first { $0.id.description == Self.arbiter }?.role == .arbiter)
    }

    @Test func optionWithoutArbiterBricksIsRefused() throws {
        #expect(throws: HeketiImportError.self) {
            try HeketiExportConverter.convert(try self.export(option: true, subType: 1))
        }
        do {
            _ = try HeketiExportConverter.convert(try self.export(option: true, subType: 0))
        } catch {
            #expect("\(error)".contains("did not record which bricks are arbiters"))
        }
    }
}
