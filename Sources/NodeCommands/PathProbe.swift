public import StorageModel

/// What a device path is on the node and how much room a directory device has: the commands and the parsers of
/// their output. A path to a block device becomes an LVM device; a directory becomes a directory-backend device.
public enum PathProbe {
    /// What `stat -L -c %F` reports.
    public enum Kind: Hashable, Sendable {
        case blockDevice
        case directory
        /// Anything else, with stat's own words (`regular file`, `symbolic link`, ...).
        case other(String)
    }

    /// Space on the filesystem holding a directory.
    public struct Capacity: Hashable, Sendable {
        /// The filesystem's size.
        public var total: ByteCount
        /// Space an unprivileged writer may still use.
        public var available: ByteCount

        public init(total: ByteCount, available: ByteCount) {
            self.total = total
            self.available = available
        }
    }

    /// `stat -L -c %F -- PATH`, following symbolic links (`/dev/disk/by-id/...` names are links).
    public static func kind(of path: String) -> NodeCommand {
        NodeCommand(["stat", "-L", "-c", "%F", "--", path])
    }

    /// `stat -f -L -c '%S %b %a' -- PATH`: block size, total blocks, blocks available to non-root.
    public static func capacity(of path: String) -> NodeCommand {
        NodeCommand(["stat", "-f", "-L", "-c", "%S %b %a", "--", path])
    }

    public static func parseKind(_ output: String) -> Kind {
        let text = output.trimmingSpacesAndNewlines()
        switch text {
        case "block special file": return .blockDevice
        case "directory": return .directory
        default: return .other(text)
        }
    }

    public static func parseCapacity(_ output: String) throws(NodeOutputError) -> Capacity {
        let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard fields.count == 3, let blockSize = Int64(fields[0]), let blocks = Int64(fields[1]),
            let available = Int64(fields[2]), blockSize > 0, blocks >= 0, available >= 0
        else {
            throw .malformed(
                tool: "stat", reason: "expected '<block size> <blocks> <available>', got \(output.excerpt)")
        }
        let (total, totalOverflow) = blockSize.multipliedReportingOverflow(by: blocks)
        let (free, freeOverflow) = blockSize.multipliedReportingOverflow(by: available)
        guard !totalOverflow, !freeOverflow else {
            throw .malformed(tool: "stat", reason: "size does not fit in 64 bits: \(output.excerpt)")
        }
        return Capacity(total: ByteCount(bytes: total), available: ByteCount(bytes: free))
    }

    /// What recovery and observation learn of a device path on a node: where it leads (symbolic links resolved, so
    /// a documented `/dev/disk/by-id/...` can be matched with the `/dev/sdX` LVM reports), and, for a directory that
    /// is a mount point, its filesystem's size and free space.
    public struct DevicePath: Hashable, Sendable {
        public var resolved: String
        public var mountedCapacity: Capacity?

        public init(resolved: String, mountedCapacity: Capacity?) {
            self.resolved = resolved
            self.mountedCapacity = mountedCapacity
        }
    }

    /// One line per path, in order: `mounted <block size> <blocks> <available> <resolved>` for a directory that is
    /// a mount point, `other <resolved>` for anything else; one round trip for all of a node's paths, one line of
    /// script (an observation section is one line). The resolved path comes last, so one with spaces reads back
    /// whole.
    public static func devicePaths(_ paths: [String]) -> NodeCommand {
        let lines = paths.map { path in
            let quoted = ShellQuote.quote(path)
            return "r=$(readlink -f -- \(quoted) || printf '%s' \(quoted)); "
                + "if [ -d \(quoted) ] && mountpoint -q \(quoted); then "
                + "printf 'mounted %s %s\\n' \"$(stat -f -L -c '%S %b %a' -- \(quoted))\" \"$r\"; "
                + "else printf 'other %s\\n' \"$r\"; fi"
        }
        return NodeCommand(["sh", "-c", lines.joined(separator: "; ")])
    }

    /// The answer to `devicePaths`, by path.
    public static func parseDevicePaths(_ output: String, paths: [String]) throws(NodeOutputError) -> [String: DevicePath] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count == paths.count else {
            throw .malformed(tool: "sh", reason: "expected \(paths.count) lines, got \(output.excerpt)")
        }
        var result: [String: DevicePath] = [:]
        for (path, line) in zip(paths, lines) {
            if line.hasPrefix("other "), line.count > "other ".count {
                result[path] = DevicePath(resolved: String(line.dropFirst("other ".count)), mountedCapacity: nil)
                continue
            }
            let fields = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, fields[0] == "mounted", !fields[4].isEmpty else {
                throw .malformed(tool: "sh", reason: "unexpected line \(String(line).excerpt)")
            }
            let capacity = try Self.parseCapacity(fields[1...3].joined(separator: " "))
            result[path] = DevicePath(resolved: String(fields[4]), mountedCapacity: capacity)
        }
        return result
    }
}
