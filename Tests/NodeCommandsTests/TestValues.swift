import StorageModel

/// Fixed IDs whose text is easy to read in expected command lines.
enum TestValues {
    static let device = try! DeviceID(parsing: "dddddddddddddddddddddddddddddddd")
    static let brick = try! BrickID(parsing: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
    static let mountPoint =
        "/var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    static let deviceNode = "/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    /// The brick on the device, under Heketi's mount root.
    static let lvm = BrickLocation.LVM(device: Self.device, brick: Self.brick, mountRoot: BrickLocation.heketiMountRoot)
}
