import Foundation
import NodeCommands
import StorageModel
import Testing

@Suite struct DirectoryBrickCommandsTests {
    @Test func pathsLiveUnderTheDeviceDirectory() {
        #expect(
            DirectoryBrickCommands.path(device: "/srv/x/d1/", brick: TestValues.brick)
                == "/srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick")
        #expect(
            DirectoryBrickCommands.root(device: "/", brick: TestValues.brick) == "/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
    }

    @Test func createMakesFreshDirectories() {
        #expect(
            DirectoryBrickCommands.create(device: "/srv/x/d1", brick: TestValues.brick, gid: 2000).text == """
                set -e
                test -d /srv/x/d1
                mkdir /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                mkdir /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick
                chown :2000 /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick
                chmod 2775 /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick

                """)
        #expect(!DirectoryBrickCommands.create(device: "/srv/x/d1", brick: TestValues.brick).text.contains("chown"))
    }

    @Test func destroyRemovesTheWholeBrickDirectory() {
        #expect(
            DirectoryBrickCommands.destroy(device: "/srv/x/d1", brick: TestValues.brick).text == """
                set -e
                rm -rf -- /srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb

                """)
    }

    @Test func createFailsOnAStaleDirectoryAndDestroyIsRepeatable() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let device = directory.path + "/my disk"
        try FileManager.default.createDirectory(atPath: device, withIntermediateDirectories: true)
        let create = DirectoryBrickCommands.create(device: device, brick: TestValues.brick).text
        let destroy = DirectoryBrickCommands.destroy(device: device, brick: TestValues.brick).text

        #expect(try Shell.run(create).status == 0)
        #expect(FileManager.default.fileExists(atPath: DirectoryBrickCommands.path(device: device, brick: TestValues.brick)))
        #expect(try Shell.run(create).status != 0)
        #expect(try Shell.run(destroy).status == 0)
        #expect(try Shell.run(destroy).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: device).isEmpty)
        #expect(try Shell.run(DirectoryBrickCommands.create(device: device + "/missing", brick: TestValues.brick).text).status != 0)
    }
}
