extension BrickLocation {
    /// A brick on an LVM device, with every name LVM, device-mapper, fstab and mount know it by.
    public struct LVM: Hashable, Sendable {
        public var device: DeviceID
        public var brick: BrickID
        /// Where the device's bricks are mounted. Kept as given, so a path recorded under it reads back to the same
        /// text (fstab lines are matched by their mount point, character for character).
        public var mountRoot: String

        public init(device: DeviceID, brick: BrickID, mountRoot: String) {
            self.device = device
            self.brick = brick
            self.mountRoot = mountRoot
        }

        /// `vg_<device>`: the volume group a device becomes.
        public static func volumeGroup(of device: DeviceID) -> String { Self.volumeGroupPrefix + device.description }

        /// The device a `vg_<device>` volume group stands for; nil for any other group.
        public static func device(inVolumeGroup name: some StringProtocol) -> DeviceID? {
            guard name.hasPrefix(Self.volumeGroupPrefix) else { return nil }
            return try? DeviceID(parsing: name.dropFirst(Self.volumeGroupPrefix.count))
        }

        /// `<mount root>/vg_<device>`: the directory holding the device's brick mount points.
        public static func mountParent(of device: DeviceID, mountRoot: String) -> String {
            mountRoot + "/" + Self.volumeGroup(of: device)
        }

        /// `tp_<brick>`: the brick's own thin pool.
        public static func thinPool(of brick: BrickID) -> String { Self.thinPoolPrefix + brick.description }

        /// The brick a `brick_<brick>` logical volume holds; nil for any other volume (thin pools included).
        public static func brick(inLogicalVolume name: some StringProtocol) -> BrickID? {
            BrickLocation.brick(named: name)
        }

        /// `vg_<device>`.
        public var volumeGroup: String { Self.volumeGroup(of: self.device) }
        /// `tp_<brick>`.
        public var thinPool: String { Self.thinPool(of: self.brick) }
        /// `brick_<brick>`: the thin LV holding the brick's filesystem.
        public var logicalVolume: String { BrickLocation.name(of: self.brick) }
        /// `vg_<device>/tp_<brick>`.
        public var thinPoolPath: String { self.volumeGroup + "/" + self.thinPool }
        /// `vg_<device>/brick_<brick>`.
        public var logicalVolumePath: String { self.volumeGroup + "/" + self.logicalVolume }
        /// `/dev/mapper/vg_<device>-brick_<brick>` (the names hold no `-`, so device-mapper needs no escaping).
        public var deviceNode: String { "/dev/mapper/" + self.volumeGroup + "-" + self.logicalVolume }
        /// `<mount root>/vg_<device>/brick_<brick>`.
        public var mountPoint: String {
            Self.mountParent(of: self.device, mountRoot: self.mountRoot) + "/" + self.logicalVolume
        }
        /// `<mount point>/brick`: the directory Gluster serves.
        public var path: String { BrickLocation.lvm(self).path }

        static let volumeGroupPrefix = "vg_"
        static let thinPoolPrefix = "tp_"
    }
}
