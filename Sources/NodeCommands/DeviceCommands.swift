public import StorageModel

/// Commands that turn a block device into an LVM volume group for bricks and back, with Heketi's flags.
public enum DeviceCommands {
    /// Heketi's device setup: `wipefs --all` (only when the caller accepts losing the data on it), then
    /// `pvcreate -qq --metadatasize=128M --dataalignment=256K` and
    /// `vgcreate -qq --physicalextentsize=4M --autobackup=n vg_<device>`.
    public static func setUp(
        device: DeviceID, path: String, destroyData: Bool, settings: StorageToolSettings = StorageToolSettings()
    ) -> NodeScript {
        var script = NodeScript()
        if destroyData {
            script.append(.run(NodeCommand(["wipefs", "--all", path])))
        }
        script.append(
            .run(
                settings.lvm([
                    "pvcreate", "-qq", "--metadatasize=128M", "--dataalignment=\(settings.dataAlignment)", path,
                ])))
        script.append(
            .run(
                settings.lvm([
                    "vgcreate", "-qq", "--physicalextentsize=\(settings.physicalExtentSize)", settings.autobackupFlag,
                    BrickLocation.LVM.volumeGroup(of: device), path,
                ])))
        return script
    }

    /// Reads the volume group's size, in bytes, as JSON: parse with `LVMReport.volumeGroups(from:)`; the usable
    /// size is its free extents (`VolumeGroupRow.freeSize`).
    public static func report(device: DeviceID, settings: StorageToolSettings = StorageToolSettings()) -> NodeCommand {
        settings.lvm(
            ["vgs"] + LVMReport.jsonArguments + ["-o", VolumeGroupRow.fields.joined(separator: ","),
            BrickLocation.LVM.volumeGroup(of: device)])
    }

    /// Removes the volume group and physical volume, then the device's empty mount directory. Each step runs only
    /// when there is something to remove, so a setup that stopped halfway can be undone.
    public static func tearDown(
        device: DeviceID, path: String, settings: StorageToolSettings = StorageToolSettings()
    ) -> NodeScript {
        let volumeGroup = BrickLocation.LVM.volumeGroup(of: device)
        let mountParent = BrickLocation.LVM.mountParent(of: device, mountRoot: settings.mountRoot)
        return NodeScript([
            .when(.succeeds(settings.lvm(["vgs", volumeGroup])), settings.lvm(["vgremove", "-qq", volumeGroup])),
            .when(.succeeds(settings.lvm(["pvs", path])), settings.lvm(["pvremove", "-qq", path])),
            .when(.isDirectory(mountParent), NodeCommand(["rmdir", mountParent])),
        ])
    }
}
