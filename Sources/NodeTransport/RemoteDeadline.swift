/// Puts a deadline on the remote side too. Killing the local `ssh` or `kubectl` at a timeout does not stop the
/// command on the node (there is no terminal to hang up), and an undo started meanwhile could miss what it is
/// still making; `timeout -s KILL` ends it a few seconds before the local deadline instead.
enum RemoteDeadline {
    static func wrap(_ argv: [String], timeout: Duration) -> [String] {
        let seconds = timeout.components.seconds
        guard seconds > 10 else { return argv }
        return ["timeout", "-s", "KILL", String(seconds - 5)] + argv
    }
}
