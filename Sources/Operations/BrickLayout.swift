public import StorageModel

/// Where bricks live on a node: Heketi's layout, so that volumes Heketi made and volumes Brickyard makes look the
/// same to Gluster and to an administrator.
public enum BrickLayout {
    /// Heketi's mount root; `localexec.mount_root` may choose another (EngineSettings.mountRoot).
    public static let defaultMountRoot = "/var/lib/heketi/mounts"

    public static func volumeGroup(of device: DeviceID) -> String { "vg_\(device)" }

    /// `<mount root>/vg_<device>/brick_<brick>`: the brick filesystem's mount point.
    public static func mountPoint(device: DeviceID, brick: BrickID, mountRoot: String = Self.defaultMountRoot) -> String {
        "\(mountRoot)/\(Self.volumeGroup(of: device))/brick_\(brick)"
    }

    /// The directory Gluster serves: `brick` under the mount point, so an unmounted brick is never written to.
    public static func path(device: DeviceID, brick: BrickID, mountRoot: String = Self.defaultMountRoot) -> String {
        Self.mountPoint(device: device, brick: brick, mountRoot: mountRoot) + "/brick"
    }

    /// The brick directory on `device`: under the brick's own mount point with LVM, under
    /// `<device mount point>/brick_<brick>` with the directory backend.
    public static func path(on device: Device, brick: BrickID, mountRoot: String = Self.defaultMountRoot) -> String {
        switch device.backend {
        case .lvm: return Self.path(device: device.id, brick: brick, mountRoot: mountRoot)
        case .directory: return Self.directoryRoot(on: device, brick: brick) + "/brick"
        }
    }

    /// `<device>/brick_<brick>`: what a directory-backend brick owns on its device (removed with the brick).
    public static func directoryRoot(on device: Device, brick: BrickID) -> String {
        let base = device.name.hasSuffix("/") ? String(device.name.dropLast()) : device.name
        return "\(base)/brick_\(brick)"
    }
}
