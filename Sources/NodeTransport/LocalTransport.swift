/// Runs commands on this machine: Brickyard deployed on the storage node itself, or several nodes simulated on
/// one machine (the loopback testbed), where each node's commands reach its own glusterd.
///
/// Per node, `environment` entries are added to this process's environment; a `PATH` entry is put in front of
/// the inherited `PATH`, so a directory holding a node's `gluster` wrapper wins.
public struct LocalTransport: NodeTransport {
    /// What differs from node to node; nodes not listed run with this process's environment.
    public var nodes: [String: [String: String]]
    private let baseEnvironment: [String: String]

    public init(nodes: [String: [String: String]] = [:], baseEnvironment: [String: String]) {
        self.nodes = nodes
        self.baseEnvironment = baseEnvironment
    }

    public func run(_ argv: [String], on host: String, timeout: Duration) async throws(TransportError) -> CommandResult
    {
        try await ProcessRunner.run(argv, environment: self.environment(for: host), timeout: timeout)
    }

    /// The environment commands for `host` run with.
    public func environment(for host: String) -> [String: String] {
        var environment = self.baseEnvironment
        for (key, value) in self.nodes[host] ?? [:] {
            if key == "PATH", let inherited = environment["PATH"], !inherited.isEmpty {
                environment[key] = value + ":" + inherited
            } else {
                environment[key] = value
            }
        }
        return environment
    }
}
