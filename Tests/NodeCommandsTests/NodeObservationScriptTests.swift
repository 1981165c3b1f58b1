import Foundation
import NodeCommands
import Testing

@Suite struct NodeObservationScriptTests {
    static let token = "0123456789abcdefFEDCBA9876543210"

    static func script(volumes: Bool = true) -> NodeObservationScript {
        NodeObservationScript(
            token: Self.token,
            sections: NodeObservationScript.sections(
                gluster: GlusterCLI(), storage: StorageToolSettings(), directoryDevices: ["/srv/d1", "/srv/d 2"],
                volumes: volumes))
    }

    @Test func rendersOneLinePerSectionWithoutSetE() {
        #expect(
            Self.script().text == #"""
                brickyard_token=0123456789abcdefFEDCBA9876543210
                brickyard_mark() { printf '\n@@brickyard-%s@@\n' "$*"; printf '\n@@brickyard-%s@@\n' "$*" >&2; }
                brickyard_mark section "$brickyard_token" peers; gluster --mode=script peer status --xml; brickyard_mark end "$brickyard_token" peers $?
                brickyard_mark section "$brickyard_token" pvs; pvs --reportformat json --units b --nosuffix -o pv_name,vg_name,pv_size,pv_free; brickyard_mark end "$brickyard_token" pvs $?
                brickyard_mark section "$brickyard_token" vgs; vgs --reportformat json --units b --nosuffix -o vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count; brickyard_mark end "$brickyard_token" vgs $?
                brickyard_mark section "$brickyard_token" lvs; lvs --reportformat json --units b --nosuffix -o lv_name,vg_name,lv_size,pool_lv,lv_attr,thin_count,data_percent,metadata_percent; brickyard_mark end "$brickyard_token" lvs $?
                brickyard_mark section "$brickyard_token" mounts; findmnt -rn -o TARGET; brickyard_mark end "$brickyard_token" mounts $?
                brickyard_mark section "$brickyard_token" brick-directories; find /srv/d1 '/srv/d 2' -mindepth 1 -maxdepth 1 -type d -name 'brick_*'; brickyard_mark end "$brickyard_token" brick-directories $?
                brickyard_mark section "$brickyard_token" directory-filesystems; \#(PathProbe.devicePaths(["/srv/d1", "/srv/d 2"]).rendered); brickyard_mark end "$brickyard_token" directory-filesystems $?
                brickyard_mark section "$brickyard_token" volume-info; gluster --mode=script volume info --xml; brickyard_mark end "$brickyard_token" volume-info $?
                brickyard_mark section "$brickyard_token" volume-status; gluster --mode=script volume status all --xml; brickyard_mark end "$brickyard_token" volume-status $?

                """#)
        #expect(Self.script().command.argv == ["sh", "-c", Self.script().text])
        // Whole markers never appear in the text, so a wrapper echoing the command cannot forge one.
        #expect(!Self.script().text.contains("@@brickyard-section \(Self.token)"))
    }

    @Test func volumesAreAskedOnlyWhenWanted() {
        let names = Self.script(volumes: false).sections.map(\.name)
        #expect(
            names == [
                .peers, .physicalVolumes, .volumeGroups, .logicalVolumes, .mounts, .brickDirectories, .directoryFilesystems,
            ])
        let bare = NodeObservationScript.sections(
            gluster: GlusterCLI(), storage: StorageToolSettings(), directoryDevices: [], volumes: false)
        #expect(!bare.map(\.name).contains(.brickDirectories))
        #expect(!bare.map(\.name).contains(.directoryFilesystems))
    }

    /// Stand-ins for every tool answer with the recorded outputs; each section comes back byte for byte, with its
    /// exit code, on both streams.
    @Test func roundTripsThroughTheShell() throws {
        let tools = try StandInTools()
        try Self.addRecordedTools(to: tools)
        let script = Self.script()
        let run = try tools.run(script.command.argv)
        #expect(run.status == 0)
        let sections = script.sections(stdout: run.stdout, stderr: run.stderr)
        #expect(Set(sections.keys) == Set(NodeObservationScript.Name.allCases))
        #expect(sections[.peers] == .init(exitCode: 0, stdout: try Fixtures.text("gluster/peer-status.xml"), stderr: ""))
        #expect(sections[.physicalVolumes]?.stdout == (try Fixtures.text("lvm/pvs.json")))
        #expect(sections[.volumeGroups]?.stdout == (try Fixtures.text("lvm/vgs.json")))
        #expect(sections[.logicalVolumes]?.stdout == (try Fixtures.text("lvm/lvs-empty.json")))
        #expect(sections[.volumeInfo]?.stdout == (try Fixtures.text("gluster/volume-info-replica3.xml")))
        #expect(sections[.volumeStatus]?.stdout == (try Fixtures.text("gluster/volume-status-replica3.xml")))
        // No final newline, and an empty line inside: both kept as printed.
        #expect(sections[.mounts] == .init(exitCode: 0, stdout: "/\n\n/var/lib/heketi/mounts/vg_a/brick_b", stderr: ""))
        #expect(
            sections[.brickDirectories]
                == .init(exitCode: 0, stdout: "/srv/d1/brick_1\n'/srv/d 2'\n", stderr: "find: warning\n"))
        // Neither directory exists here, so neither is a mount point.
        #expect(sections[.directoryFilesystems] == .init(exitCode: 0, stdout: "other /srv/d1\nother /srv/d 2\n", stderr: ""))
        // What was parsed from the real outputs is what the parsers read from the fixtures.
        let peers = try GlusterPeer.parsePeerStatus(try #require(sections[.peers]).stdout)
        #expect(peers.map(\.hostname) == ["127.1.1.2", "127.1.1.3"])
    }

    /// A failing section reports its code and its standard error; the sections after it still run.
    @Test func aFailingSectionDoesNotStopTheOthers() throws {
        let tools = try StandInTools()
        try Self.addRecordedTools(to: tools)
        try tools.add("vgs", "echo '  Volume group \"vg_x\" not found' >&2; echo '  partial' ; exit 5")
        try tools.add("gluster", "echo 'Connection failed. Please check if gluster daemon is operational.' >&2; exit 1")
        let script = Self.script()
        let run = try tools.run(script.command.argv)
        let sections = script.sections(stdout: run.stdout, stderr: run.stderr)
        #expect(sections[.volumeGroups] == .init(exitCode: 5, stdout: "  partial\n", stderr: "  Volume group \"vg_x\" not found\n"))
        #expect(sections[.peers]?.exitCode == 1)
        #expect(sections[.peers]?.stderr == "Connection failed. Please check if gluster daemon is operational.\n")
        #expect(sections[.volumeInfo]?.exitCode == 1)
        #expect(sections[.logicalVolumes]?.exitCode == 0)
        #expect(sections[.logicalVolumes]?.stdout == (try Fixtures.text("lvm/lvs-empty.json")))
        #expect(sections[.mounts]?.exitCode == 0)
    }

    /// A tool that is not installed is exit 127 with the shell's message, in its own section only.
    @Test func aMissingToolIsItsSectionsFailure() throws {
        let tools = try StandInTools()
        try tools.add("gluster", "cat \(ShellQuote.quote(Fixtures.root.path + "/gluster/peer-status.xml"))")
        let script = NodeObservationScript(
            token: Self.token,
            sections: [
                .init(.physicalVolumes, NodeCommand(["brickyard-no-such-tool-pvs"])),
                .init(.peers, GlusterCLI().peerStatus()),
            ])
        let run = try tools.run(script.command.argv)
        let sections = script.sections(stdout: run.stdout, stderr: run.stderr)
        #expect(sections[.physicalVolumes]?.exitCode == 127)
        #expect(sections[.physicalVolumes]?.stderr.contains("not found") == true)
        #expect(sections[.peers]?.exitCode == 0)
    }

    /// Output that looks like markers (another token, the right token on a start line, a bad code) is output.
    @Test func markerLikeOutputDoesNotEndASection() throws {
        let tools = try StandInTools()
        try Self.addRecordedTools(to: tools)
        let forged = [
            "@@brickyard-end 0000 mounts 0@@",
            "@@brickyard-end \(Self.token) mounts x@@",
            "@@brickyard-end \(Self.token) peers 0@@",
            "@@brickyard-section \(Self.token) peers@@",
            " @@brickyard-end \(Self.token) mounts 0@@",
        ]
        try tools.add("findmnt", "printf '%s\\n' " + forged.map(ShellQuote.quote).joined(separator: " "))
        let script = Self.script()
        let run = try tools.run(script.command.argv)
        let sections = script.sections(stdout: run.stdout, stderr: run.stderr)
        #expect(sections[.mounts] == .init(exitCode: 0, stdout: forged.joined(separator: "\n") + "\n", stderr: ""))
        #expect(sections[.peers]?.stdout == (try Fixtures.text("gluster/peer-status.xml")))
        #expect(sections.count == NodeObservationScript.Name.allCases.count)
    }

    /// Parsing alone: text outside frames is ignored, a frame without its end is left out, another token's
    /// frames are not seen.
    @Test func splitsOnlyCompleteFramesOfItsToken() {
        let stream = """
            banner from a wrapper
            @@brickyard-section tok peers@@
            one
            two

            @@brickyard-end tok peers 0@@
            stray
            @@brickyard-section other mounts@@
            x
            @@brickyard-end other mounts 0@@

            @@brickyard-section tok lvs@@
            cut short
            """
        let frames = NodeObservationScript.split(stream, token: "tok")
        #expect(frames.count == 1)
        #expect(frames["peers"]?.exitCode == 0)
        #expect(frames["peers"]?.text == "one\ntwo\n")
        let script = NodeObservationScript(token: "tok", sections: [])
        #expect(script.sections(stdout: stream, stderr: "")[.peers] == .init(exitCode: 0, stdout: "one\ntwo\n", stderr: ""))
    }

    /// Stand-ins that print the recorded outputs, as the real tools would.
    static func addRecordedTools(to tools: StandInTools) throws {
        func cat(_ fixture: String) -> String { "cat " + ShellQuote.quote(Fixtures.root.path + "/" + fixture) }
        try tools.add(
            "gluster",
            """
            case "$*" in
            *"peer status"*) \(cat("gluster/peer-status.xml")) ;;
            *"volume info"*) \(cat("gluster/volume-info-replica3.xml")) ;;
            *"volume status"*) \(cat("gluster/volume-status-replica3.xml")) ;;
            *) echo "unexpected: $*" >&2; exit 2 ;;
            esac
            """)
        try tools.add("pvs", cat("lvm/pvs.json"))
        try tools.add("vgs", cat("lvm/vgs.json"))
        try tools.add("lvs", cat("lvm/lvs-empty.json"))
        try tools.add("findmnt", #"printf '/\n\n/var/lib/heketi/mounts/vg_a/brick_b'"#)
        try tools.add("find", #"echo find: warning >&2; printf '%s\n' /srv/d1/brick_1 "'$2'""#)
    }
}
