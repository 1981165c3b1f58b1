public import Planning
public import EventLog
public import Executor
import NodeCommands
public import NodeTransport
public import StorageModel
import Synchronization

/// Runs the engine's actions on real Gluster nodes with the real tools (LVM, XFS, mount, `gluster`), through a
/// transport (local, ssh, kubectl exec).
///
/// Every action is one round trip per node: a brick create or destroy is one generated `sh -c` script with
/// `set -e`, a volume's options are one script of `gluster volume set` lines. Undo actions are written to
/// tolerate work that never happened (recovery cannot know how far an action got), and a failure carries the
/// command's last stderr line so it reaches the operation's result.
public final class CommandExecutor: NodeExecutor {
    public let settings: CommandExecutorSettings
    private let transport: any NodeTransport
    let log: Logger
    private let gate: NodeGate
    private let roundTripCount = Atomic<Int>(0)

    /// Waits between retries of a command glusterd refused as busy; tests pass one that does not really wait.
    private let sleep: @Sendable (Duration) async throws -> Void

    public init(
        transport: any NodeTransport, settings: CommandExecutorSettings = .init(), log: Logger = .discarding,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.transport = transport
        self.settings = settings
        self.log = log
        self.gate = NodeGate(limit: settings.perNodeConcurrency)
        self.sleep = sleep
    }

    /// Round trips to nodes so far (for the figures in benchmarks and tests).
    public var roundTrips: Int { self.roundTripCount.load(ordering: .relaxed) }

    public func run(_ action: Action, in topology: Topology) async throws(ExecutorError) -> ActionOutcome {
        do throws(ExecutorFailure) {
            return try await self.perform(action, in: topology)
        } catch {
            throw ExecutorError(action: action.name, host: error.host, message: error.message)
        }
    }

    private func perform(_ action: Action, in topology: Topology) async throws(ExecutorFailure) -> ActionOutcome {
        switch action {
        case .probePeer(let node): try await self.probePeer(node, in: topology)
        case .detachPeer(let node): try await self.detachPeer(node, in: topology)
        case .setUpDevice(let device, let destroyData):
            return .device(try await self.setUpDevice(device, destroyData: destroyData, in: topology))
        case .resyncDevice(let device): return .device(try await self.resyncDevice(device, in: topology))
        case .tearDownDevice(let device): try await self.tearDownDevice(device, in: topology)
        case .createBrick(let brick): try await self.createBrick(brick, in: topology)
        case .destroyBrick(let brick): try await self.destroyBrick(brick, in: topology)
        case .createVolume(let volume, let bricks): try await self.createVolume(volume, bricks: bricks, in: topology)
        case .setOptions(let volume, let options): try await self.setOptions(volume, options, in: topology)
        case .resetOptions(let volume, let keys): try await self.resetOptions(volume, keys, in: topology)
        case .setBrickGroup(let volume, let gid): try await self.setBrickGroup(volume, gid: gid, in: topology)
        case .startVolume(let volume): try await self.startVolume(volume, in: topology)
        case .addBricks(let volume, let bricks): try await self.addBricks(volume, bricks: bricks, in: topology)
        case .replaceBrick(let volume, let old, let new):
            try await self.replaceBrick(volume, old: old, new: new, in: topology)
        case .rebalance(let volume): try await self.rebalance(volume, in: topology)
        case .stopVolume(let volume): try await self.stopVolume(volume, in: topology)
        case .deleteVolume(let volume): try await self.deleteVolume(volume, in: topology)
        }
        return .completed
    }

    // MARK: Round trips

    /// Runs `command` on `node`; a non-zero exit outside the tolerated codes is a failure quoting stderr.
    @discardableResult
    func execute(_ command: NodeCommand, on node: Node) async throws(ExecutorFailure) -> CommandResult {
        let host = node.manageHostname
        return try await self.gate.withSlot(for: host) { () throws(ExecutorFailure) -> CommandResult in
            var result: CommandResult
            var attempt = 0
            while true {
                self.roundTripCount.add(1, ordering: .relaxed)
                do throws(TransportError) {
                    result = try await self.transport.run(command.argv, on: host, timeout: self.settings.commandTimeout)
                } catch {
                    self.log.warning("node_command_failed", ("host", host), ("error", error.description))
                    throw ExecutorFailure(host: host, message: error.description)
                }
                // glusterd serves one transaction per volume (or the pool) at a time and refuses the others at
                // once; such a refusal is retried a few times before it counts as a failure.
                guard !command.succeeded(exitCode: result.exitCode), Self.isBusy(result),
                    attempt < Self.busyRetries.count
                else { break }
                self.log.info(
                    "glusterd_busy", ("host", host), ("program", Self.summary(of: command)), ("attempt", attempt + 1))
                try? await self.sleep(Self.busyRetries[attempt])
                attempt += 1
            }
            self.log.debug(
                "node_command", ("host", host), ("program", Self.summary(of: command)), ("exit", result.exitCode),
                ("seconds", Double(result.duration.components.attoseconds) / 1e18
                    + Double(result.duration.components.seconds)))
            guard command.succeeded(exitCode: result.exitCode) else {
                let message = result.lastMessageLine.isEmpty ? "no output" : result.lastMessageLine
                throw ExecutorFailure(
                    host: host, message: "\(Self.summary(of: command)) exited \(result.exitCode): \(message)")
            }
            return result
        }
    }

    /// Waits before each retry of a command glusterd refused as busy.
    static let busyRetries: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(4)]

    /// Whether glusterd refused the command because another transaction held its lock.
    static func isBusy(_ result: CommandResult) -> Bool {
        let text = result.stderr + result.stdout
        return text.contains("Another transaction is in progress") || text.contains("Locking failed on")
    }

    /// Runs a script as one round trip.
    @discardableResult
    func execute(_ script: NodeScript, on node: Node) async throws(ExecutorFailure) -> CommandResult {
        try await self.execute(script.command, on: node)
    }

    /// What a command is, for a one-line message: a script names its first real step, a gluster command its verb.
    static func summary(of command: NodeCommand) -> String {
        if command.argv.count == 3, command.argv[0] == "sh", command.argv[1] == "-c" {
            return "script"
        }
        if command.program.hasSuffix("gluster") {
            let words = command.argv.dropFirst().filter { !$0.hasPrefix("--") }
            return (["gluster"] + words.prefix(3)).joined(separator: " ")
        }
        return command.argv.prefix(2).joined(separator: " ")
    }

    // MARK: Lookups

    func node(_ id: NodeID, in topology: Topology) throws(ExecutorFailure) -> Node {
        guard let node = topology.nodes[id] else { throw ExecutorFailure(host: nil, message: "unknown node \(id)") }
        return node
    }

    func device(_ id: DeviceID, in topology: Topology) throws(ExecutorFailure) -> (Device, Node) {
        guard let device = topology.devices[id] else {
            throw ExecutorFailure(host: nil, message: "unknown device \(id)")
        }
        return (device, try self.node(device.node, in: topology))
    }

    func volume(_ id: VolumeID, in topology: Topology) throws(ExecutorFailure) -> Volume {
        guard let volume = topology.volumes[id] else {
            throw ExecutorFailure(host: nil, message: "unknown volume \(id)")
        }
        return volume
    }

    /// `host:path` of a brick, with the node's storage hostname as Gluster knows it.
    func address(of id: BrickID, in topology: Topology) throws(ExecutorFailure) -> BrickAddress {
        guard let brick = topology.bricks[id] else { throw ExecutorFailure(host: nil, message: "unknown brick \(id)") }
        return BrickAddress(host: try self.node(brick.node, in: topology).storageHostname, path: brick.path)
    }

    /// The node that runs a volume's gluster commands: the node of its first brick that is not failed, else any
    /// node of its cluster that is not failed (every node of a cluster is in the pool).
    func glusterNode(for volume: Volume, in topology: Topology) throws(ExecutorFailure) -> Node {
        let brickNodes = volume.brickSets.joined().compactMap { topology.bricks[$0]?.node }
        for id in brickNodes {
            if let node = topology.nodes[id], node.state != .failed { return node }
        }
        if let node = topology.nodes(in: volume.cluster).first(where: { $0.state != .failed }) { return node }
        throw ExecutorFailure(host: nil, message: "no node of cluster \(volume.cluster) can run gluster commands")
    }
}

/// A failure inside the executor, before it is named after its action.
struct ExecutorFailure: Error {
    var host: String?
    var message: String
}
