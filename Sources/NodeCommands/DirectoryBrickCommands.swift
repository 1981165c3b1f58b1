public import StorageModel

/// Bricks on the directory backend: the device is the mount point of a filesystem the administrator made, and
/// each brick is a directory on it (`<device>/brick_<brick>/brick`). No LVM, no mkfs, no fstab.
public enum DirectoryBrickCommands {
    /// `<device>/brick_<brick>`: the directory that holds the brick, removed as a whole on destroy.
    public static func root(device path: String, brick: BrickID) -> String {
        Self.trimmingTrailingSlashes(path) + "/brick_\(brick)"
    }

    /// `<device>/brick_<brick>/brick`: the directory Gluster serves.
    public static func path(device path: String, brick: BrickID) -> String {
        Self.root(device: path, brick: brick) + "/brick"
    }

    /// Checks the device directory exists, then `mkdir` (without `-p`, so a stale directory left by something
    /// else fails loudly instead of being served) of the brick's directory and its `brick`, and with a group:
    /// `chown :GID` and `chmod 2775`.
    public static func create(device path: String, brick: BrickID, gid: Int64? = nil) -> NodeScript {
        let root = Self.root(device: path, brick: brick)
        let brickPath = root + "/brick"
        var script = NodeScript([
            .run(NodeCommand(["test", "-d", path])),
            .run(NodeCommand(["mkdir", root])),
            .run(NodeCommand(["mkdir", brickPath])),
        ])
        if let gid, gid != 0 {
            script.append(.run(NodeCommand(["chown", ":\(gid)", brickPath])))
            script.append(.run(NodeCommand(["chmod", "2775", brickPath])))
        }
        return script
    }

    /// `rm -rf -- <device>/brick_<brick>`: removes the brick's data; nothing to remove is not an error.
    public static func destroy(device path: String, brick: BrickID) -> NodeScript {
        NodeScript([.run(NodeCommand(["rm", "-rf", "--", Self.root(device: path, brick: brick)]))])
    }

    static func trimmingTrailingSlashes(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") {
            trimmed = trimmed.dropLast()
        }
        return trimmed == "/" ? "" : String(trimmed)
    }
}
