import NodeCommands

/// Runs commands on a node over the `ssh` client (Heketi's sshexec): key authentication only, never a prompt.
///
/// ssh carries one string, so the argv is quoted word by word (`ShellQuote`); with `sudo` the remote side runs
/// `sudo -n` so a missing sudoers rule fails at once instead of waiting for a password.
public struct SSHTransport: NodeTransport {
    public struct Settings: Sendable, Hashable {
        public var user: String
        public var port: Int
        public var keyFile: String?
        public var sudo: Bool
        /// Seconds ssh may take to connect.
        public var connectTimeout: Int
        /// The ssh program (a path in tests).
        public var program: String

        public init(
            user: String = "heketi", port: Int = 22, keyFile: String? = nil, sudo: Bool = false,
            connectTimeout: Int = 10, program: String = "ssh"
        ) {
            self.user = user
            self.port = port
            self.keyFile = keyFile
            self.sudo = sudo
            self.connectTimeout = connectTimeout
            self.program = program
        }
    }

    public var settings: Settings
    private let environment: [String: String]?

    public init(settings: Settings, environment: [String: String]? = nil) {
        self.settings = settings
        self.environment = environment
    }

    /// The local argv that runs `argv` on `host`.
    public func sshArguments(_ argv: [String], on host: String) -> [String] {
        var arguments = [
            self.settings.program, "-o", "BatchMode=yes", "-o", "ConnectTimeout=\(self.settings.connectTimeout)",
            "-o", "StrictHostKeyChecking=accept-new", "-o", "ControlMaster=no", "-o", "ControlPath=none",
            "-p", String(self.settings.port), "-l", self.settings.user,
        ]
        if let keyFile = self.settings.keyFile { arguments += ["-i", keyFile] }
        let remote = self.settings.sudo ? ["sudo", "-n", "--"] + argv : argv
        return arguments + [host, "--", ShellQuote.join(remote)]
    }

    public func run(_ argv: [String], on host: String, timeout: Duration) async throws(TransportError) -> CommandResult
    {
        let result = try await ProcessRunner.run(
            self.sshArguments(RemoteDeadline.wrap(argv, timeout: timeout), on: host), environment: self.environment,
            timeout: timeout)
        // ssh exits 255 for its own failures (connection, authentication); the remote command's code otherwise.
        if result.exitCode == 255 {
            throw .unreachable(host: host, reason: result.lastMessageLine)
        }
        return result
    }
}
