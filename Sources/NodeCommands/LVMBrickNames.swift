public import StorageModel

/// The names a brick's storage has on an LVM device: Heketi's scheme (`vg_<device>`, `tp_<brick>`,
/// `brick_<brick>`, mounted under `/var/lib/heketi/mounts`), so bricks Heketi made can be found and removed.
public struct LVMBrickNames: Hashable, Sendable {
    public var device: DeviceID
    public var brick: BrickID
    public var mountRoot: String

    public init(device: DeviceID, brick: BrickID, mountRoot: String = StorageToolSettings.defaultMountRoot) {
        self.device = device
        self.brick = brick
        self.mountRoot = mountRoot
    }

    /// `vg_<device>`.
    public static func volumeGroup(of device: DeviceID) -> String { "vg_\(device)" }

    /// `<mount root>/vg_<device>`: the directory holding the device's brick mount points.
    public static func mountParent(of device: DeviceID, mountRoot: String = StorageToolSettings.defaultMountRoot)
        -> String
    {
        "\(mountRoot)/\(Self.volumeGroup(of: device))"
    }

    public var volumeGroup: String { Self.volumeGroup(of: self.device) }
    /// `tp_<brick>`: the brick's own thin pool.
    public var thinPool: String { "tp_\(self.brick)" }
    /// `brick_<brick>`: the thin LV holding the brick's filesystem.
    public var logicalVolume: String { "brick_\(self.brick)" }
    /// `vg_<device>/tp_<brick>`.
    public var thinPoolPath: String { "\(self.volumeGroup)/\(self.thinPool)" }
    /// `vg_<device>/brick_<brick>`.
    public var logicalVolumePath: String { "\(self.volumeGroup)/\(self.logicalVolume)" }
    /// `/dev/mapper/vg_<device>-brick_<brick>` (the names hold no `-`, so device-mapper needs no escaping).
    public var deviceNode: String { "/dev/mapper/\(self.volumeGroup)-\(self.logicalVolume)" }
    /// `<mount root>/vg_<device>/brick_<brick>`.
    public var mountPoint: String {
        "\(Self.mountParent(of: self.device, mountRoot: self.mountRoot))/\(self.logicalVolume)"
    }
    /// `<mount point>/brick`: the directory Gluster serves, so an unmounted brick is never written to.
    public var brickPath: String { self.mountPoint + "/brick" }
}
