public import StorageModel

/// Bricks on the directory backend: the device is the mount point of a filesystem the administrator made, and
/// each brick is a directory on it (`<device>/brick_<brick>/brick`). No LVM, no mkfs, no fstab.
public enum DirectoryBrickCommands {
    /// Checks the device directory exists, then `mkdir` (without `-p`, so a stale directory left by something
    /// else fails loudly instead of being served) of the brick's directory and its `brick`, and with a group:
    /// `chown :GID` and `chmod 2775`.
    public static func create(_ location: BrickLocation.Directory, gid: Int64? = nil) -> NodeScript {
        var script = NodeScript([
            .run(NodeCommand(["test", "-d", location.device])),
            .run(NodeCommand(["mkdir", location.root])),
            .run(NodeCommand(["mkdir", location.path])),
        ])
        if let gid, gid != 0 {
            script.append(.run(NodeCommand(["chown", ":\(gid)", location.path])))
            script.append(.run(NodeCommand(["chmod", "2775", location.path])))
        }
        return script
    }

    /// `rm -rf -- <device>/brick_<brick>`: removes the brick's data; nothing to remove is not an error.
    public static func destroy(_ location: BrickLocation.Directory) -> NodeScript {
        NodeScript([.run(NodeCommand(["rm", "-rf", "--", location.root]))])
    }
}
