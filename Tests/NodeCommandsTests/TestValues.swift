import StorageModel

/// Fixed IDs whose text is easy to read in expected command lines.
enum TestValues {
    static let device = try! DeviceID(parsing: "dddddddddddddddddddddddddddddddd")
    static let brick = try! BrickID(parsing: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
    static let mountPoint =
        "/var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    static let deviceNode = "/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
}
