import TestSupport
import Foundation

/// A `brickyard serve` (mock executor) with a temporary database, and the client pointed at it.
struct ClientFixture {
    let directory: TemporaryDirectory
    let server: ServerProcess
    var url: String { "http://127.0.0.1:\(self.server.port)" }

    static func start(environment: [String: String] = [:], arguments: [String] = [], disableAuth: Bool = true)
        async throws -> ClientFixture
    {
        let directory = try TemporaryDirectory()
        let server = try await ServerProcess.start(
            database: directory.path("brickyard.db"), environment: environment, arguments: arguments,
            disableAuth: disableAuth)
        return ClientFixture(directory: directory, server: server)
    }

    /// Runs the client against this server with `--server` on the command line.
    func run(_ arguments: String..., environment: [String: String] = [:]) async throws -> ClientRun {
        try await ClientRun.run(arguments, server: self.url, environment: environment)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ClientRun {
        try await ClientRun.run(arguments, server: self.url, environment: environment)
    }

    /// A heketi-cli topology file with three nodes in three zones; node1 has two devices, given in both of the
    /// file's device spellings.
    func writeTopology(extraNode: Bool = false) throws -> String {
        var nodes = [
            #"{"node":{"hostnames":{"manage":["node1"],"storage":["10.0.0.1"]},"zone":1},"devices":["/dev/sdb",{"name":"/dev/sdc","destroydata":false}]}"#,
            #"{"node":{"hostnames":{"manage":["node2"],"storage":["10.0.0.2"]},"zone":2},"devices":["/dev/sdb"]}"#,
            #"{"node":{"hostnames":{"manage":["node3"],"storage":["10.0.0.3"]},"zone":3},"devices":["/dev/sdb"]}"#,
        ]
        if extraNode {
            nodes.append(
                #"{"node":{"hostnames":{"manage":["node4"],"storage":["10.0.0.4"]},"zone":1},"devices":["/dev/sdd"]}"#)
        }
        let path = self.directory.path(extraNode ? "topology-4.json" : "topology.json")
        try Data(#"{"clusters":[{"nodes":[\#(nodes.joined(separator: ","))]}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Loads the three-node topology and returns the JSON `topology info`.
    func loadTopology() async throws -> [String: Any] {
        let load = try await self.run("topology", "load", "--json", try self.writeTopology())
        guard load.code == 0 else { throw ServerProcessError("topology load: \(load.errors)") }
        return try await self.run("topology", "info", "--output", "json").object()
    }
}

extension [String: Any] {
    /// The value at a path of keys and array indexes, such as `["clusters", 0, "nodes"]`.
    func value(_ path: Any...) -> Any? {
        var current: Any? = self
        for step in path {
            if let key = step as? String {
                current = (current as? [String: Any])?[key]
            } else if let index = step as? Int {
                guard let array = current as? [Any], array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current
    }
}
