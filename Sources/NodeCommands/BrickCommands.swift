public import StorageModel

/// Scripts that make and remove an LVM brick: thin pool and thin LV, XFS, fstab line, mount, brick directory.
/// The create sequence is Heketi's, flag for flag; destroy is written so that it can follow a create that stopped
/// anywhere (recovery after a crash cannot know how far it got).
public enum BrickCommands {
    /// XFS mount options, in the mount and in fstab.
    public static let mountOptions = "rw,inode64,noatime,nouuid"
    /// Arbiter bricks' thin pools always use this chunk size.
    public static let arbiterChunkSize = "256K"

    /// `mkdir -p`, `lvcreate` (pool and thin LV in one), `mkfs.xfs`, fstab line, `mount`, `mkdir brick`, and
    /// with a group: `chown :GID` and `chmod 2775`.
    public static func create(_ spec: BrickSpec, settings: StorageToolSettings = StorageToolSettings()) -> NodeScript {
        let names = spec.location
        var script = NodeScript([
            .run(NodeCommand(["mkdir", "-p", names.mountPoint])),
            .run(Self.createLogicalVolumes(spec, names: names, settings: settings)),
            .run(Self.makeFilesystem(spec, names: names, settings: settings)),
            .appendLine(Self.fstabLine(names), file: settings.fstab),
            .run(NodeCommand(["mount", "-o", Self.mountOptions, names.deviceNode, names.mountPoint])),
            .run(NodeCommand(["mkdir", names.path])),
        ])
        if let gid = spec.effectiveGID {
            script.append(.run(NodeCommand(["chown", ":\(gid)", names.path])))
            script.append(.run(NodeCommand(["chmod", "2775", names.path])))
        }
        return script
    }

    /// Unmounts (when mounted), removes the fstab line, the thin LV (when present), the thin pool (when present
    /// and holding no other thin LV) and the mount point (when present). Heketi's order: fstab goes before the
    /// LVs, so a node stopped halfway still boots.
    public static func destroy(
        _ names: BrickLocation.LVM, settings: StorageToolSettings = StorageToolSettings()
    ) -> NodeScript {
        let removeFlags = ["lvremove", settings.autobackupFlag, "-f"]
        // Selected by name without naming the group, so an absent LV (or group) is an empty answer, while LVM
        // failing to answer stops the script instead of being taken for "already gone".
        func lookUp(_ name: String, _ field: String) -> NodeCommand {
            settings.lvm([
                "lvs", "--noheadings", "--options=\(field)", "--select", "vg_name=\(names.volumeGroup)&&lv_name=\(name)",
            ])
        }
        return NodeScript([
            .when(
                .succeeds(NodeCommand(["mountpoint", "-q", names.mountPoint])),
                NodeCommand(["umount", names.mountPoint])),
            .removeMountEntry(mountPoint: names.mountPoint, file: settings.fstab),
            .capture("brick_lv", lookUp(names.logicalVolume, "lv_name")),
            .when(.variableEquals("brick_lv", names.logicalVolume), settings.lvm(removeFlags + [names.logicalVolumePath])),
            .capture("pool_users", lookUp(names.thinPool, "thin_count")),
            .when(.variableEquals("pool_users", "0"), settings.lvm(removeFlags + [names.thinPoolPath])),
            .when(.isDirectory(names.mountPoint), NodeCommand(["rmdir", names.mountPoint])),
        ])
    }

    /// `<device node> <mount point> xfs rw,inode64,noatime,nouuid 1 2`: Heketi's fstab line, byte for byte, so
    /// destroy also removes lines Heketi wrote.
    public static func fstabLine(_ names: BrickLocation.LVM) -> String {
        "\(names.deviceNode) \(names.mountPoint) xfs \(Self.mountOptions) 1 2"
    }

    /// `lvcreate -qq --autobackup=n --poolmetadatasize <M>K --chunksize 256K --size <P>K --thin vg/tp
    /// --virtualsize <S>K --name brick_<id>`.
    static func createLogicalVolumes(_ spec: BrickSpec, names: BrickLocation.LVM, settings: StorageToolSettings)
        -> NodeCommand
    {
        let chunkSize = spec.role == .arbiter ? Self.arbiterChunkSize : settings.chunkSize
        return settings.lvm([
            "lvcreate", "-qq", settings.autobackupFlag,
            "--poolmetadatasize", spec.poolMetadata.lvmKibibytes,
            "--chunksize", chunkSize,
            "--size", spec.thinPool.lvmKibibytes,
            "--thin", names.thinPoolPath,
            "--virtualsize", spec.size.lvmKibibytes,
            "--name", names.logicalVolume,
        ])
    }

    /// `mkfs.xfs -i size=512 [-d su=,sw=] -n size=8192 DEV`; arbiter bricks get `-i maxpct=100` (inodes may use
    /// the whole filesystem) and no stripe geometry.
    static func makeFilesystem(_ spec: BrickSpec, names: BrickLocation.LVM, settings: StorageToolSettings)
        -> NodeCommand
    {
        var argv = ["mkfs.xfs", "-i", spec.role == .arbiter ? "maxpct=100" : "size=512"]
        if spec.role != .arbiter, let unit = settings.xfsStripeUnit, let width = settings.xfsStripeWidth,
            unit > 0, width > 0
        {
            argv += ["-d", "su=\(unit),sw=\(width)"]
        }
        argv += ["-n", "size=8192", names.deviceNode]
        return NodeCommand(argv)
    }
}
