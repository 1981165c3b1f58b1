public import StorageModel

/// Where bricks live on a node: Heketi's layout, so that volumes Heketi made and volumes Brickyard makes look the
/// same to Gluster and to an administrator.
public enum BrickLayout {
    public static let mountRoot = "/var/lib/heketi/mounts"

    public static func volumeGroup(of device: DeviceID) -> String { "vg_\(device)" }

    /// `/var/lib/heketi/mounts/vg_<device>/brick_<brick>`: the brick filesystem's mount point.
    public static func mountPoint(device: DeviceID, brick: BrickID) -> String {
        "\(Self.mountRoot)/\(Self.volumeGroup(of: device))/brick_\(brick)"
    }

    /// The directory Gluster serves: `brick` under the mount point, so an unmounted brick is never written to.
    public static func path(device: DeviceID, brick: BrickID) -> String {
        Self.mountPoint(device: device, brick: brick) + "/brick"
    }
}
