/// Why a command could not be run to its end on a node. A command that ran and exited non-zero is not a
/// transport error: its `CommandResult` says so and the caller decides.
public enum TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The program could not be started here (not installed, not executable).
    case launchFailed(program: String, reason: String)
    /// The command was still running after `seconds` and was killed.
    case timedOut(command: String, seconds: Int)
    /// The node could not be reached (ssh could not connect, no pod serves the node).
    case unreachable(host: String, reason: String)

    public var description: String {
        switch self {
        case .launchFailed(let program, let reason): return "cannot run \(program): \(reason)"
        case .timedOut(let command, let seconds): return "\(command) did not finish within \(seconds) s and was killed"
        case .unreachable(let host, let reason): return "node \(host) is unreachable: \(reason)"
        }
    }
}
