/// One program run on a storage node, as argv. Arguments are never joined into a shell string by hand: the
/// transport runs `argv` directly, or sends `rendered` (every word quoted) where only a string can travel (ssh).
public struct NodeCommand: Hashable, Sendable {
    /// The program and its arguments.
    public var argv: [String]
    /// Exit codes other than 0 that still mean success, such as 1 from `mountpoint -q` on a directory that is
    /// not a mount point. Empty for most commands.
    public var toleratedExitCodes: Set<Int32>

    public init(_ argv: [String], toleratedExitCodes: Set<Int32> = []) {
        precondition(!argv.isEmpty, "a command needs a program")
        self.argv = argv
        self.toleratedExitCodes = toleratedExitCodes
    }

    /// The program name, `argv[0]`.
    public var program: String { self.argv[0] }

    /// The command line for POSIX `sh`: each argument single-quoted unless it is a bare word.
    public var rendered: String { ShellQuote.join(self.argv) }

    /// Whether an exit code means the command did its job.
    public func succeeded(exitCode: Int32) -> Bool {
        exitCode == 0 || self.toleratedExitCodes.contains(exitCode)
    }

    /// The same command run after `prefix`, such as `["sudo"]` or a wrapper that enters the host's namespaces.
    public func prefixed(by prefix: [String]) -> NodeCommand {
        NodeCommand(prefix + self.argv, toleratedExitCodes: self.toleratedExitCodes)
    }
}

extension NodeCommand: CustomStringConvertible {
    public var description: String { self.rendered }
}
