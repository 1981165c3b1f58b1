import StorageModel
import Testing

/// Brick paths in both layouts, written and read back; Heketi's names exactly, and nothing else accepted.
@Suite struct BrickLocationTests {
    static let device = try! DeviceID(parsing: "dddddddddddddddddddddddddddddddd")
    static let brick = try! BrickID(parsing: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
    static let otherBrick = try! BrickID(parsing: "cccccccccccccccccccccccccccccccc")
    static let heketi = BrickLocation.heketiMountRoot

    static func device(_ name: String, _ backend: BrickBackend) -> Device {
        Device(id: Self.device, node: NodeID(high: 1, low: 1), name: name, total: .gibibytes(100), backend: backend)
    }

    @Test func lvmNamesFollowHeketi() {
        let location = BrickLocation.LVM(device: Self.device, brick: Self.brick, mountRoot: Self.heketi)
        #expect(Self.heketi == "/var/lib/heketi/mounts")
        #expect(location.volumeGroup == "vg_dddddddddddddddddddddddddddddddd")
        #expect(location.thinPool == "tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(location.logicalVolume == "brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(location.thinPoolPath == "vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(
            location.logicalVolumePath == "vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(
            location.deviceNode
                == "/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(
            location.mountPoint
                == "/var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(location.path == location.mountPoint + "/brick")
        #expect(
            BrickLocation.LVM.mountParent(of: Self.device, mountRoot: "/srv/bricks")
                == "/srv/bricks/vg_dddddddddddddddddddddddddddddddd")
    }

    @Test func directoryPathsLiveUnderTheDeviceDirectory() {
        #expect(
            BrickLocation.Directory(device: "/srv/x/d1/", brick: Self.brick).path
                == "/srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick")
        #expect(
            BrickLocation.Directory(device: "/srv/x/d1", brick: Self.brick).root
                == "/srv/x/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(
            BrickLocation.Directory(device: "/", brick: Self.brick).root == "/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
    }

    @Test func aNewBrickTakesTheLayoutOfItsDevicesBackend() {
        let lvm = BrickLocation(brick: Self.brick, on: Self.device("/dev/sdb", .lvm), mountRoot: "/srv/bricks")
        #expect(lvm == .lvm(BrickLocation.LVM(device: Self.device, brick: Self.brick, mountRoot: "/srv/bricks")))
        #expect(lvm.path == "/srv/bricks/vg_\(Self.device)/brick_\(Self.brick)/brick")
        #expect(lvm.brickDirectory == "/srv/bricks/vg_\(Self.device)/brick_\(Self.brick)")
        let directory = BrickLocation(
            brick: Self.brick, on: Self.device("/srv/d1", .directory), mountRoot: "/srv/bricks")
        #expect(directory == .directory(BrickLocation.Directory(device: "/srv/d1", brick: Self.brick)))
        #expect(directory.path == "/srv/d1/brick_\(Self.brick)/brick")
        #expect(directory.brickDirectory == "/srv/d1/brick_\(Self.brick)")
        #expect(lvm.brick == Self.brick && directory.brick == Self.brick)
    }

    /// What is written reads back the same, by a reader that knows only the mount root (recovery) and by one that
    /// knows the brick and its device (the executor).
    @Test(arguments: [
        ("/dev/sdb", BrickBackend.lvm, BrickLocation.heketiMountRoot), ("/dev/sdb", .lvm, "/srv/bricks"),
        ("/srv/d1", .directory, BrickLocation.heketiMountRoot),
        ("/srv/brickyard-testbed/n1/d2", .directory, "/srv/bricks"),
    ])
    func pathsReadBackToTheirLocation(name: String, backend: BrickBackend, mountRoot: String) {
        let device = Self.device(name, backend)
        let location = BrickLocation(brick: Self.brick, on: device, mountRoot: mountRoot)
        #expect(BrickLocation(path: location.path, mountRoot: mountRoot) == location)
        #expect(BrickLocation(recordedPath: location.path, of: Self.brick, on: device) == location)
    }

    @Test func glusterPathsFollowHeketisLayoutOrTheDirectoryBackend() {
        let (device, brick) = (Self.device, Self.brick)
        #expect(
            BrickLocation(
                path: "/var/lib/heketi/mounts/vg_\(device)/brick_\(brick)/brick", mountRoot: "/var/lib/heketi/mounts")
                == .lvm(.init(device: device, brick: brick, mountRoot: "/var/lib/heketi/mounts")))
        // A mount root written with a trailing slash is the same root.
        #expect(
            BrickLocation(
                path: "/var/lib/heketi/mounts/vg_\(device)/brick_\(brick)/brick", mountRoot: "/var/lib/heketi/mounts/")
                == .lvm(.init(device: device, brick: brick, mountRoot: "/var/lib/heketi/mounts")))
        #expect(
            BrickLocation(path: "/srv/d1/brick_\(brick)/brick", mountRoot: "/var/lib/heketi/mounts")
                == .directory(.init(device: "/srv/d1", brick: brick)))
        // Under another mount root, a vg_ directory is just a directory device.
        #expect(
            BrickLocation(path: "/mnt/vg_\(device)/brick_\(brick)/brick", mountRoot: "/var/lib/heketi/mounts")
                == .directory(.init(device: "/mnt/vg_\(device)", brick: brick)))
    }

    @Test(arguments: [
        "/data/brick1", "/srv/d1/brick_xyz/brick", "/srv/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "/srv/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/data", "srv/d1/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick",
        "/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick", "", "/",
    ])
    func foreignGlusterPathsAreRefused(path: String) {
        #expect(BrickLocation(path: path, mountRoot: BrickLocation.heketiMountRoot) == nil)
    }

    /// A recorded path is read only as the path of that brick on that device: another brick's, another device's,
    /// or the other backend's layout is refused rather than acted on.
    @Test func recordedPathsOfAnotherBrickOrDeviceAreRefused() {
        let lvm = Self.device("/dev/sdb", .lvm)
        let directory = Self.device("/srv/d1", .directory)
        let lvmPath = "/var/lib/heketi/mounts/vg_\(Self.device)/brick_\(Self.brick)/brick"
        #expect(BrickLocation(recordedPath: lvmPath, of: Self.otherBrick, on: lvm) == nil)
        var elsewhere = lvm
        elsewhere.id = DeviceID(high: 7, low: 7)
        #expect(BrickLocation(recordedPath: lvmPath, of: Self.brick, on: elsewhere) == nil)
        #expect(BrickLocation(recordedPath: lvmPath, of: Self.brick, on: directory) == nil)
        #expect(
            BrickLocation(recordedPath: "relative/vg_\(Self.device)/brick_\(Self.brick)/brick", of: Self.brick, on: lvm)
                == nil)
        #expect(BrickLocation(recordedPath: "/srv/d1/brick_\(Self.brick)/brick", of: Self.brick, on: lvm) == nil)
        #expect(BrickLocation(recordedPath: "/srv/d2/brick_\(Self.brick)/brick", of: Self.brick, on: directory) == nil)
        #expect(
            BrickLocation(recordedPath: "/srv/d1/brick_\(Self.otherBrick)/brick", of: Self.brick, on: directory) == nil)
    }

    /// A brick made under another mount root (by Heketi, or before the configuration changed) keeps its root.
    @Test func aRecordedLVMPathKeepsItsOwnMountRoot() {
        let path = "/old/root/vg_\(Self.device)/brick_\(Self.brick)/brick"
        let location = BrickLocation(recordedPath: path, of: Self.brick, on: Self.device("/dev/sdb", .lvm))
        #expect(location == .lvm(.init(device: Self.device, brick: Self.brick, mountRoot: "/old/root")))
        #expect(location?.path == path)
    }

    @Test func namesReadBackToTheirIDs() {
        #expect(BrickLocation.name(of: Self.brick) == "brick_\(Self.brick)")
        #expect(BrickLocation.brick(named: "brick_\(Self.brick)") == Self.brick)
        #expect(BrickLocation.LVM.brick(inLogicalVolume: "brick_\(Self.brick)") == Self.brick)
        #expect(BrickLocation.LVM.brick(inLogicalVolume: "tp_\(Self.brick)") == nil)
        #expect(BrickLocation.brick(named: "brick_xyz") == nil)
        #expect(BrickLocation.LVM.device(inVolumeGroup: "vg_\(Self.device)") == Self.device)
        #expect(BrickLocation.LVM.device(inVolumeGroup: "vg_x") == nil)
        #expect(BrickLocation.LVM.device(inVolumeGroup: "data_\(Self.device)") == nil)
        #expect(BrickLocation.namePattern == "brick_*")
    }
}
