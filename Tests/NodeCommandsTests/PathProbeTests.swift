import Foundation
import NodeCommands
import StorageModel
import Testing

@Suite struct PathProbeTests {
    @Test func commands() {
        #expect(PathProbe.kind(of: "/dev/sdb").argv == ["stat", "-L", "-c", "%F", "--", "/dev/sdb"])
        #expect(PathProbe.capacity(of: "/srv/d1").rendered == "stat -f -L -c '%S %b %a' -- /srv/d1")
    }

    @Test func readsKinds() {
        #expect(PathProbe.parseKind("block special file\n") == .blockDevice)
        #expect(PathProbe.parseKind("directory\n") == .directory)
        #expect(PathProbe.parseKind("regular file\n") == .other("regular file"))
    }

    @Test func readsCapacity() throws {
        let capacity = try PathProbe.parseCapacity("4096 262144 131072\n")
        #expect(capacity == PathProbe.Capacity(total: .gibibytes(1), available: .mebibytes(512)))
    }

    @Test(arguments: ["", "4096 1", "a b c", "4096 -1 2", "0 1 1", "4096 9223372036854775807 1", "1 2 3 4"])
    func refusesGarbage(output: String) {
        #expect(throws: NodeOutputError.self) { try PathProbe.parseCapacity(output) }
    }

    /// The commands and parsers agree with the real tools on this machine.
    @Test func probesTheRealFilesystem() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let kind = try Shell.run(PathProbe.kind(of: directory.path).rendered)
        #expect(PathProbe.parseKind(kind.output) == .directory)
        let capacity = try PathProbe.parseCapacity(try Shell.run(PathProbe.capacity(of: directory.path).rendered).output)
        #expect(capacity.total > .zero)
        #expect(capacity.available <= capacity.total)
    }

    /// Where each path leads and which are mounted directories, against the real tools: `/` is a mount point, a
    /// plain directory is not, a link resolves, a missing path is reported as itself.
    @Test func probesDevicePathsOnTheRealFilesystem() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let link = directory.path + "/link to root"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/")
        let paths = ["/", directory.path, link, directory.path + "/missing"]
        let answer = try Shell.run(PathProbe.devicePaths(paths).rendered)
        let probed = try PathProbe.parseDevicePaths(answer.output, paths: paths)
        #expect(probed["/"]?.resolved == "/" && (probed["/"]?.mountedCapacity?.total ?? .zero) > .zero)
        #expect(probed[directory.path]?.mountedCapacity == nil)
        #expect(probed[link]?.resolved == "/" && probed[link]?.mountedCapacity != nil)
        #expect(probed[directory.path + "/missing"]?.resolved.hasSuffix("/missing") == true)
        #expect(throws: NodeOutputError.self) { try PathProbe.parseDevicePaths("mounted /\n", paths: ["/", "/x"]) }
    }

    /// The resolved path comes last, so one with spaces reads back whole; lines that do not follow the form are
    /// refused.
    @Test func readsDevicePathsWithSpaces() throws {
        let probed = try PathProbe.parseDevicePaths(
            "mounted 4096 262144 131072 /srv/my disk\nother /dev/disk/by-id/a b\n", paths: ["/srv/my disk", "/dev/x"])
        #expect(
            probed["/srv/my disk"]
                == PathProbe.DevicePath(
                    resolved: "/srv/my disk", mountedCapacity: .init(total: .gibibytes(1), available: .mebibytes(512))))
        #expect(probed["/dev/x"] == PathProbe.DevicePath(resolved: "/dev/disk/by-id/a b", mountedCapacity: nil))
        for line in ["mounted 4096 262144 131072", "mounted /srv/d1 4096 262144 131072", "other ", "lost /srv/d1"] {
            #expect(throws: NodeOutputError.self, "\(line)") { try PathProbe.parseDevicePaths(line + "\n", paths: ["/srv/d1"]) }
        }
    }
}
