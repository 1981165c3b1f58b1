public import StorageModel

/// How LVM, XFS and fstab are driven on a node. The defaults are Heketi's, so devices and bricks Brickyard makes
/// are laid out exactly like those Heketi made.
public struct StorageToolSettings: Hashable, Sendable {
    /// The fstab brick mounts are written to.
    public var fstab: String
    /// `pvcreate --dataalignment`.
    public var dataAlignment: String
    /// `vgcreate --physicalextentsize`.
    public var physicalExtentSize: String
    /// `lvcreate --chunksize` for data bricks' thin pools (arbiter bricks always use 256K).
    public var chunkSize: String
    /// Keep LVM's metadata backups (`--autobackup=y`); Heketi's default is not to.
    public var backupMetadata: Bool
    /// `mkfs.xfs -d su=`, written verbatim as Heketi does (mkfs.xfs reads a bare number as bytes); used only
    /// together with `xfsStripeWidth`.
    public var xfsStripeUnit: Int?
    /// `mkfs.xfs -d sw=`: data disks in the RAID set; used only together with `xfsStripeUnit`.
    public var xfsStripeWidth: Int?
    /// Words put before every LVM command, such as `["/usr/sbin/lvm"]` or a wrapper that runs it on the host
    /// when glusterd lives in a container.
    public var lvmPrefix: [String]
    /// Where brick filesystems are mounted, for what has no brick path to go by: a device's directory of mount
    /// points, removed with the device, and the mounts an observation reports. A brick itself is made and removed
    /// where its recorded path says.
    public var mountRoot: String

    public static let defaultFstab = "/etc/fstab"

    public init(
        fstab: String = Self.defaultFstab, dataAlignment: String = "256K", physicalExtentSize: String = "4M",
        chunkSize: String = "256K", backupMetadata: Bool = false, xfsStripeUnit: Int? = nil,
        xfsStripeWidth: Int? = nil, lvmPrefix: [String] = [], mountRoot: String = BrickLocation.heketiMountRoot
    ) {
        self.fstab = fstab
        self.dataAlignment = dataAlignment
        self.physicalExtentSize = physicalExtentSize
        self.chunkSize = chunkSize
        self.backupMetadata = backupMetadata
        self.xfsStripeUnit = xfsStripeUnit
        self.xfsStripeWidth = xfsStripeWidth
        self.lvmPrefix = lvmPrefix
        self.mountRoot = mountRoot
    }

    /// `--autobackup=y` or `--autobackup=n`.
    var autobackupFlag: String { "--autobackup=\(self.backupMetadata ? "y" : "n")" }

    /// An LVM command with the prefix applied.
    func lvm(_ arguments: [String]) -> NodeCommand {
        NodeCommand(self.lvmPrefix + arguments)
    }
}
