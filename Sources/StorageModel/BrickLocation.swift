/// Where a brick lives on its node: the only code that writes a brick's path or reads one back.
///
/// The layout is Heketi's, name for name, because the names are what survives on the nodes: Gluster knows each brick
/// by its path, and `brickyard recover` adopts clusters Heketi built by reading these names back.
///
/// - On an LVM device a brick is the thin LV `brick_<brick>` in its own thin pool `tp_<brick>` of the volume group
///   `vg_<device>`, mounted at `<mount root>/vg_<device>/brick_<brick>`.
/// - On a directory device (the mount point of a filesystem the administrator made) a brick is the directory
///   `<device>/brick_<brick>`.
///
/// Either way Gluster serves the `brick` directory inside the brick's own directory, so an unmounted brick is never
/// written to.
public enum BrickLocation: Hashable, Sendable {
    case lvm(LVM)
    case directory(Directory)

    /// Heketi's mount root: where LVM bricks are mounted unless the configuration names another.
    public static let heketiMountRoot = "/var/lib/heketi/mounts"

    /// Where a new brick goes on `device`, in the layout of the device's backend.
    public init(brick: BrickID, on device: Device, mountRoot: String) {
        switch device.backend {
        case .lvm: self = .lvm(LVM(device: device.id, brick: brick, mountRoot: mountRoot))
        case .directory: self = .directory(Directory(device: device.name, brick: brick))
        }
    }

    public var brick: BrickID {
        switch self {
        case .lvm(let location): location.brick
        case .directory(let location): location.brick
        }
    }

    /// `<...>/brick_<brick>`: what the brick owns on the node, its filesystem's mount point (LVM) or the directory
    /// removed with it.
    public var brickDirectory: String {
        switch self {
        case .lvm(let location): location.mountPoint
        case .directory(let location): location.root
        }
    }

    /// `<brick directory>/brick`: the directory Gluster serves, recorded as the brick's path.
    public var path: String { self.brickDirectory + "/" + Self.servedDirectory }

    /// The directory Gluster serves inside the brick's own.
    static let servedDirectory = "brick"

    /// `brick_<brick>`: the name of a brick's own directory and, on LVM, of its logical volume.
    public static func name(of brick: BrickID) -> String { Self.namePrefix + brick.description }

    /// The brick a `brick_<brick>` name stands for; nil for any other name.
    public static func brick(named name: some StringProtocol) -> BrickID? {
        guard name.hasPrefix(Self.namePrefix) else { return nil }
        return try? BrickID(parsing: name.dropFirst(Self.namePrefix.count))
    }

    /// `brick_*`: a shell pattern matching the names of brick directories.
    public static let namePattern = Self.namePrefix + "*"

    static let namePrefix = "brick_"
}
