import Foundation
import NodeCommands
import StorageModel
import Testing

@Suite struct DirectoryBrickCommandsTests {
    static let location = BrickLocation.Directory(device: "/srv/x/d1", brick: TestValues.brick)

    @Test func createMakesFreshDirectories() {
        #expect(
            DirectoryBrickCommands.create(Self.location, gid: 2000).text == """
                set -e
                test -d /srv/x/d1
                mkdir /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                mkdir /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick
                chown :2000 /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick
                chmod 2775 /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick

                """)
        #expect(!DirectoryBrickCommands.create(Self.location).text.contains("chown"))
    }

    @Test func destroyRemovesTheWholeBrickDirectory() {
        #expect(
            DirectoryBrickCommands.destroy(Self.location).text == """
                set -e
                rm -rf -- /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb

                """)
    }

    @Test func createFailsOnAStaleDirectoryAndDestroyIsRepeatable() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let device = directory.path + "/my disk"
        try FileManager.default.createDirectory(atPath: device, withIntermediateDirectories: true)
        let location = BrickLocation.Directory(device: device, brick: TestValues.brick)
        let create = DirectoryBrickCommands.create(location).text
        let destroy = DirectoryBrickCommands.destroy(location).text

        #expect(try Shell.run(create).status == 0)
        #expect(FileManager.default.fileExists(atPath: location.path))
        #expect(try Shell.run(create).status != 0)
        #expect(try Shell.run(destroy).status == 0)
        #expect(try Shell.run(destroy).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: device).isEmpty)
        #expect(try Shell.run(DirectoryBrickCommands.create(.init(device: device + "/missing", brick: TestValues.brick)).text).status != 0)
    }
}
