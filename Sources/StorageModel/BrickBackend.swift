/// How a device holds bricks, found by the executor when it sets the device up (by what the path is on the node).
///
/// - `lvm`: a raw block device; each brick is a thin LV with its own XFS filesystem (Heketi's layout).
/// - `directory`: the mount point of a filesystem the administrator prepared; each brick is a directory on it.
///   Sizes are the allocator's accounting; the filesystem enforces them only where project quotas are available,
///   which `Device.sizeEnforced` records.
public enum BrickBackend: String, Hashable, Sendable, Codable, CaseIterable {
    case lvm
    case directory
}
