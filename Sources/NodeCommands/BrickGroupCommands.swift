/// The group that owns brick directories, changed after the bricks were made (a volume's gid updated in place).
///
/// Brick creation gives a brick of a volume with a gid `chown :GID` and `chmod 2775` (group-writable, set-gid so new
/// files take the group), and leaves a brick without one (or with gid 0) as `mkdir` made it: root's group, 0755 under
/// the usual umask. This script brings existing bricks to the same state for a new gid.
public enum BrickGroupCommands {
    /// For each brick directory: `chown :GID` and `chmod 2775`; with gid 0, `chown :0`, `chmod 0755` and `chmod g-s`
    /// (GNU chmod keeps a directory's set-gid bit through a numeric mode, so it is cleared on its own).
    public static func set(gid: Int64, on paths: [String]) -> NodeScript {
        var script = NodeScript()
        for path in paths {
            script.append(.run(NodeCommand(["chown", ":\(gid)", path])))
            if gid == 0 {
                script.append(.run(NodeCommand(["chmod", "0755", path])))
                script.append(.run(NodeCommand(["chmod", "g-s", path])))
            } else {
                script.append(.run(NodeCommand(["chmod", "2775", path])))
            }
        }
        return script
    }
}
