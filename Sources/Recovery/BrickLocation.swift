public import StorageModel

/// Where a brick lives, read from its path in `gluster volume info`: Heketi's LVM layout
/// (`<mount root>/vg_<device>/brick_<brick>/brick`) or the directory backend's (`<device>/brick_<brick>/brick`).
public enum BrickLocation: Hashable, Sendable {
    case lvm(device: DeviceID, brick: BrickID)
    case directory(device: String, brick: BrickID)

    /// Nil for a path that follows neither layout (a brick Brickyard did not make).
    public init?(path: String, mountRoot: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[parts.count - 1] == "brick", parts[parts.count - 2].hasPrefix("brick_"),
            let brick = try? BrickID(parsing: parts[parts.count - 2].dropFirst("brick_".count))
        else { return nil }
        let parent = "/" + parts.dropLast(2).joined(separator: "/")
        let root = mountRoot.hasSuffix("/") ? String(mountRoot.dropLast()) : mountRoot
        if parent.hasPrefix(root + "/vg_"), parts[parts.count - 3].hasPrefix("vg_"),
            "/" + parts.dropLast(3).joined(separator: "/") == root,
            let device = try? DeviceID(parsing: parts[parts.count - 3].dropFirst("vg_".count))
        {
            self = .lvm(device: device, brick: brick)
        } else {
            self = .directory(device: parent, brick: brick)
        }
    }

    public var brick: BrickID {
        switch self {
        case .lvm(_, let brick), .directory(_, let brick): return brick
        }
    }
}
