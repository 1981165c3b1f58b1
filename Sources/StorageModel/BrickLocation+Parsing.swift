extension BrickLocation {
    /// Reads a path Gluster reports for a brick, knowing nothing else about it (`brickyard recover`): LVM when the
    /// brick's directory is in `<mountRoot>/vg_<device>`, a directory device (the directory holding the brick's) in
    /// any other place. Nil for a path in neither layout: a brick Brickyard or Heketi did not make.
    public init?(path: String, mountRoot: String) {
        guard path.hasPrefix("/") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[parts.count - 1] == Self.servedDirectory,
            let brick = Self.brick(named: parts[parts.count - 2])
        else { return nil }
        let parent = parts.dropLast(2)
        let root = "/" + mountRoot.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        if let group = parent.last, let device = LVM.device(inVolumeGroup: group),
            "/" + parent.dropLast().joined(separator: "/") == root
        {
            self = .lvm(LVM(device: device, brick: brick, mountRoot: root))
        } else {
            self = .directory(Directory(device: "/" + parent.joined(separator: "/"), brick: brick))
        }
    }

    /// Reads back the path recorded for `brick` on `device`, in the layout of the device's backend; nil when the path
    /// is not where that brick of that device lives, so nothing is made or removed in a place the store never
    /// chose. An LVM brick keeps the mount root its path was recorded under: it stays where it was made even when the
    /// configured root has changed since, or Heketi made it.
    public init?(recordedPath path: String, of brick: BrickID, on device: Device) {
        switch device.backend {
        case .lvm:
            let tail = "/" + LVM.volumeGroup(of: device.id) + "/" + Self.name(of: brick) + "/" + Self.servedDirectory
            guard path.hasSuffix(tail) else { return nil }
            let root = String(path.dropLast(tail.count))
            guard root.isEmpty || root.hasPrefix("/") else { return nil }
            self = .lvm(LVM(device: device.id, brick: brick, mountRoot: root))
        case .directory:
            let location = Directory(device: device.name, brick: brick)
            guard location.path == path else { return nil }
            self = .directory(location)
        }
    }
}
