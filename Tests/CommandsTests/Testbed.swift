import TestSupport
import Foundation
import NodeTransport

/// The loopback Gluster testbed (`Scripts/testbed.sh`) for tests: three glusterd nodes on 127.1.1.1-3, each with
/// two XFS devices, under a root of the test's own. Brought down even when the test fails.
struct Testbed {
    static let nodeCount = 3
    let root: String
    let script: String

    /// Why the testbed cannot run here, or nil when it can: it needs root, loop devices, glusterd and FUSE.
    static var unavailableReason: String? {
        if getuid() != 0 { return "needs root (loop devices, mounts, glusterd)" }
        for (path, what) in [
            ("/dev/loop-control", "loop devices"), ("/usr/sbin/glusterd", "glusterd (glusterfs-server)"),
            ("/sbin/mount.glusterfs", "mount.glusterfs (glusterfs-client)"), ("/dev/fuse", "FUSE"),
            ("/sbin/mkfs.xfs", "mkfs.xfs (xfsprogs)"),
        ] where !FileManager.default.fileExists(atPath: path) {
            return "needs \(what): \(path) is missing"
        }
        return nil
    }

    init(name: String) {
        self.root = "/srv/brickyard-test-\(name)"
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        self.script = package.appendingPathComponent("Scripts/testbed.sh").path
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TESTBED_ROOT"] = self.root
        environment["TESTBED_NODES"] = String(Self.nodeCount)
        return environment
    }

    func host(_ node: Int) -> String { "127.1.1.\(node)" }
    func device(_ node: Int, _ device: Int) -> String { "\(self.root)/n\(node)/d\(device)" }
    func socket(_ node: Int) -> String { "\(self.root)/n\(node)/run/glusterd.socket" }

    /// Runs `body` with the testbed up, and brings it down afterwards whatever happened. One at a time: suites run
    /// in parallel, and the loopback pool is one.
    func run(_ body: () async throws -> Void) async throws {
        await TestbedTurn.shared.acquire()
        do {
            try await self.runAlone(body)
        } catch {
            await TestbedTurn.shared.release()
            throw error
        }
        await TestbedTurn.shared.release()
    }

    private func runAlone(_ body: () async throws -> Void) async throws {
        try await self.shell([self.script, "down"])
        do {
            try await self.shell([self.script, "up"], timeout: .seconds(120))
            try await body()
        } catch {
            _ = try? await self.shell([self.script, "down"], timeout: .seconds(120))
            throw error
        }
        try await self.shell([self.script, "down"], timeout: .seconds(120))
    }

    /// A Brickyard configuration for the local executor: node i's commands find its `gluster` wrapper first.
    func configuration(database: String) -> String {
        let nodes = (1...Self.nodeCount).map { #""\#(self.host($0))": {"path": "\#(self.root)/n\#($0)/bin"}"# }
        return """
            {"glusterfs": {"executor": "local", "db": "\(database)",
              "localexec": {"nodes": {\(nodes.joined(separator: ", "))}, "gluster_cli_timeout": 120}}}
            """
    }

    /// A test's files: a database, a configuration for the local executor pointing at it, and (with
    /// `devicesPerNode`) a documents directory holding the testbed's topology.
    struct Workspace {
        let directory: TemporaryDirectory
        let database: String
        let config: String
        let documents: String

        init(_ testbed: Testbed, devicesPerNode: Int? = nil) throws {
            self.directory = try TemporaryDirectory()
            self.database = self.directory.path("brickyard.db")
            self.config = self.directory.path("brickyard.json")
            self.documents = self.directory.path("documents")
            try testbed.configuration(database: self.database).write(toFile: self.config, atomically: true, encoding: .utf8)
            if let devicesPerNode {
                try FileManager.default.createDirectory(atPath: self.documents, withIntermediateDirectories: true)
                try testbed.writeTopology(to: self.documents + "/topology.json", devicesPerNode: devicesPerNode)
            }
        }
    }

    /// Heketi's topology.json for the testbed's nodes (node i in zone i) with their first `devicesPerNode` devices.
    func writeTopology(to path: String, devicesPerNode: Int) throws {
        let nodes = (1...Self.nodeCount).map { node in
            let devices = (1...devicesPerNode).map { #""\#(self.device(node, $0))""# }.joined(separator: ", ")
            return #"{"node": {"hostnames": {"manage": ["\#(self.host(node))"], "storage": ["\#(self.host(node))"]}, "zone": \#(node)}, "devices": [\#(devices)]}"#
        }
        try #"{"clusters": [{"nodes": [\#(nodes.joined(separator: ", "))]}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Runs a command on this machine; a non-zero exit throws with its output.
    @discardableResult
    func shell(_ argv: [String], timeout: Duration = .seconds(60)) async throws -> CommandResult {
        let result = try await ProcessRunner.run(argv, environment: self.environment, timeout: timeout)
        guard result.exitCode == 0 else {
            throw ServerProcessError("\(argv.joined(separator: " ")) exited \(result.exitCode): \(result.stderr)\(result.stdout.suffix(2000))")
        }
        return result
    }

    /// `gluster` against node `node`'s glusterd.
    func gluster(_ node: Int, _ arguments: [String]) async throws -> CommandResult {
        try await ProcessRunner.run(
            ["gluster", "--mode=script", "--glusterd-sock=\(self.socket(node))"] + arguments,
            environment: self.environment, timeout: .seconds(120))
    }

    /// Names under `directory` that start with `brick_`: what bricks left on a device.
    func brickDirectories(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("brick_") }
    }

    /// `brick_*` directories on every node's first device.
    func brickDirectoriesOnFirstDevices() -> [String] {
        (1...Self.nodeCount).flatMap { self.brickDirectories(self.device($0, 1)) }
    }
}

extension Testbed.Workspace {
    /// `brickyard apply --prune` on the workspace's documents and configuration, killed (SIGKILL) after
    /// `crashAfter` actions when given.
    func apply(crashAfter: Int? = nil) async throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["BRICKYARD_CRASH_AFTER_ACTIONS"] = crashAfter.map(String.init)
        return try await ProcessRunner.run(
            [try ServerProcess.executable().path, "apply", "--prune", "--desired", self.documents, "--config", self.config],
            environment: environment, timeout: .seconds(300))
    }
}

/// The testbed's turn: taken by one `Testbed.run` at a time in this process, handed to the next in arrival order.
private actor TestbedTurn {
    static let shared = TestbedTurn()
    private var taken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard self.taken else {
            self.taken = true
            return
        }
        await withCheckedContinuation { self.waiting.append($0) }
    }

    func release() {
        if self.waiting.isEmpty {
            self.taken = false
        } else {
            self.waiting.removeFirst().resume()
        }
    }
}
