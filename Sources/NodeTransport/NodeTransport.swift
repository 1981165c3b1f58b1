/// Runs one argv on one storage node and reports what happened: the one narrow seam between Brickyard and a
/// node. Implementations: `LocalTransport` (this machine), `SSHTransport`, `KubectlTransport`, and test fakes.
///
/// `run` never blocks a thread of Swift's cooperative pool: processes are waited for on threads of their own.
public protocol NodeTransport: Sendable {
    /// Runs `argv` on the node whose manage hostname is `host`, killing it after `timeout`.
    func run(_ argv: [String], on host: String, timeout: Duration) async throws(TransportError) -> CommandResult
}
