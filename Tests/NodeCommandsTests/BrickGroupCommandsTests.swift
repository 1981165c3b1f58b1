import Foundation
import NodeCommands
import Testing

@Suite struct BrickGroupCommandsTests {
    static let paths = ["/srv/d1/brick_b1/brick", "/var/lib/heketi/mounts/vg_d2/brick_b2/brick"]

    /// What brick creation does for a volume with a gid, for every brick directory given.
    @Test func aGidIsGivenAsBrickCreationGivesIt() {
        #expect(
            BrickGroupCommands.set(gid: 2000, on: Self.paths).text == """
                set -e
                chown :2000 /srv/d1/brick_b1/brick
                chmod 2775 /srv/d1/brick_b1/brick
                chown :2000 /var/lib/heketi/mounts/vg_d2/brick_b2/brick
                chmod 2775 /var/lib/heketi/mounts/vg_d2/brick_b2/brick

                """)
    }

    /// Gid 0 makes the directory what a brick made without a gid is: root's group, 0755, no set-gid bit.
    @Test func gidZeroGivesTheBrickBackToRootsGroup() {
        #expect(
            BrickGroupCommands.set(gid: 0, on: [Self.paths[0]]).text == """
                set -e
                chown :0 /srv/d1/brick_b1/brick
                chmod 0755 /srv/d1/brick_b1/brick
                chmod g-s /srv/d1/brick_b1/brick

                """)
    }

    /// Run by the real shell and tools: the mode is 2775 with a group and 755 again without (the set-gid bit really
    /// goes); giving root's group back needs root, so that part runs only as root.
    @Test func theModesAreWhatTheToolsLeave() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let brick = directory.path + "/brick one"
        try FileManager.default.createDirectory(atPath: brick, withIntermediateDirectories: false)
        let quoted = "'\(brick)'"
        // Anyone may give a directory their own group; root may give any.
        let gid: Int64 = getuid() == 0 ? 2000 : Int64(getgid())
        #expect(try Shell.run(BrickGroupCommands.set(gid: gid, on: [brick]).text).status == 0)
        #expect(try Shell.run("stat -c '%a %g' \(quoted)").output == "2775 \(gid)\n")
        #expect(try Shell.run(BrickGroupCommands.set(gid: gid, on: [brick]).text).status == 0)
        guard getuid() == 0 else { return }
        #expect(try Shell.run(BrickGroupCommands.set(gid: 0, on: [brick]).text).status == 0)
        #expect(try Shell.run("stat -c '%a %g' \(quoted)").output == "755 0\n")
        #expect(try Shell.run(BrickGroupCommands.set(gid: 0, on: [directory.path + "/missing"]).text).status != 0)
    }
}
