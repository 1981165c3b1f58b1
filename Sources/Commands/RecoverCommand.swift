internal import CommandExecutor
internal import Configuration
internal import DesiredState
internal import EventLog
internal import Executor
internal import Foundation
internal import HeketiImport
internal import NodeCommands
internal import Controller
internal import Recovery
internal import StorageModel

/// `brickyard recover`: rebuilds a lost database from what the nodes hold, so losing the store is no longer
/// fatal. Heketi names things the same way, so the same command adopts a cluster Heketi built.
struct RecoverCommand {
    static let help = """
        usage: brickyard recover [--desired DIR] [--hosts H1,H2,...] [--cluster-id ID] [--config FILE] [--db PATH]
                                 [--executor local|ssh|kubectl] [--dry-run] [--output text|json]

        Looks at the nodes (the topology in DIR, the --hosts, and every peer of their trusted pool) and records
        what they hold in a new database: each volume group vg_<device> is a device, each logical volume
        brick_<brick> a brick, each gluster volume carrying user.heketi.id <id> a volume with that id, its bricks
        in set order and its size from user.brickyard.size (from its bricks when absent). Directory devices are
        the documents' devices that are mounted directories, and the directories bricks live in, each as large as
        its filesystem. Zones, tags and storage hostnames come from the documents (zone 1 otherwise), gid and
        snapshot settings from the claims. A node's id is its glusterd UUID. Nothing on the nodes is changed.
        Every node must answer, and every volume with an id must be accounted for, or nothing is written. The
        database must be new or empty.
        --cluster-id keeps the id storage classes know the cluster by; --dry-run prints what would be recorded
        and writes nothing (the database may then hold entries, to compare).

        example: brickyard recover --desired ./storage --config /etc/brickyard/brickyard.json --cluster-id 3f1c...
        """

    var desired: String?
    var hosts: [String]
    var clusterID: ClusterID?
    var tool: ToolConfiguration
    var dryRun: Bool
    var output: String

    init(arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: ["dry-run"])
        self.desired = list.string("desired")
        self.hosts = (list.string("hosts") ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if let text = list.string("cluster-id") {
            do throws(ValidationError) {
                self.clusterID = try ClusterID(parsing: text)
            } catch {
                throw UsageError("option --cluster-id: \"\(text)\" is not a 32-digit lowercase hexadecimal id")
            }
        }
        self.tool = ToolConfiguration(&list)
        self.dryRun = list.flag("dry-run")
        self.output = try list.choice("output", default: "text", from: ["text", "json"])
        try list.finish()
        guard self.desired != nil || !self.hosts.isEmpty else {
            throw UsageError("recover needs nodes to look at: --desired DIR with a topology, or --hosts")
        }
    }

    func run(emit: (String) -> Void, errors: (String) -> Void) -> Int32 {
        func fail(_ message: String) -> Int32 {
            errors("brickyard recover: \(message)")
            return 1
        }
        let environment = ProcessInfo.processInfo.environment
        var documents = DesiredState()
        if let directory = self.desired {
            do throws(DesiredStateError) {
                documents = try DesiredStateDirectory.load(directory)
            } catch {
                return fail(error.description)
            }
        }
        var nodes = Self.nodeHints(from: documents)
        for host in self.hosts where !nodes.contains(where: { $0.manageHostname == host }) {
            nodes.append(RecoveryHints.Node(manageHostname: host))
        }
        guard !nodes.isEmpty else { return fail("the documents in \(self.desired ?? "") list no nodes; give --hosts") }
        let configuration: ServerConfiguration
        switch self.tool.resolve(environment: environment) {
        case .success(let resolved): configuration = resolved
        case .failure(let error): return fail(error.description)
        }
        let log = Logger(minimumLevel: .warning).with(("component", "recover"))
        guard let executor = ExecutorFactory.commandExecutor(configuration, environment: environment, log: log) else {
            errors("brickyard recover: the mock executor has no nodes to look at; use --executor local, ssh or kubectl")
            return 2
        }
        let hints = RecoveryHints(
            nodes: nodes, volumes: Self.volumeHints(from: documents), clusterID: self.clusterID,
            mountRoot: configuration.brickMountRoot)
        let path = configuration.databasePath
        let lock: DatabaseLock?
        do throws(ServeCommand.StartupError) {
            try DatabaseFile.checkIsSQLite(path)
            lock = self.dryRun ? nil : try DatabaseLock.acquire(database: path, command: "recover")
        } catch {
            return fail(error.message)
        }
        defer { withExtendedLifetime(lock) {} }
        switch StoreSeeding.entriesHeld(path: path) {
        case .success(let held) where held > 0 && !self.dryRun:
            return fail("the database \(path) already holds \(held) entries; recover only into a new database")
        case .success: break
        case .failure(let error): return fail("cannot read the database \(path): \(error)")
        }
        let rebuilt = AsyncBridge.wait { [hints] () async -> Result<ImportedTopology, RecoveryError> in
            await Self.rebuild(hints: hints, executor: executor)
        }
        let topology: ImportedTopology
        switch rebuilt {
        case .success(let value): topology = value
        case .failure(let error): return fail("nothing was recorded: \(error)")
        }
        if !self.dryRun {
            switch StoreSeeding.seed(topology, path: path) {
            case .seeded: break
            case .refused(let held):
                return fail("the database \(path) already holds \(held) entries; recover only into a new database")
            case .failed(let error):
                return fail("nothing was recorded in \(path): \(error)")
            }
        }
        emit(
            self.output == "json"
                ? StoreSeeding.json(topology, database: path)
                : StoreSeeding.text(topology, verb: self.dryRun ? "Would recover into" : "Recovered into", database: path))
        return 0
    }

    /// Observes the hinted nodes and every peer they report (a peer not in the hints joins its discoverer's
    /// cluster in zone 1), probes the device paths (where they lead, which are mounted directories), and rebuilds.
    static func rebuild(hints start: RecoveryHints, executor: CommandExecutor) async -> Result<ImportedTopology, RecoveryError> {
        var hints = start
        var observed = ObservedState()
        var discovered: [String] = []
        while true {
            observed = await executor.observe(Self.provisional(hints))
            let known = Set(hints.nodes.flatMap { [$0.manageHostname, $0.storageHostname] })
            // A peer is known when its name or its glusterd UUID is (peers may name a node by another address).
            var knownUUIDs = Set(observed.nodes.compactMap(\.uuid))
            var added = false
            for node in observed.nodes {
                let group = hints.nodes.first { $0.manageHostname == node.host }?.group ?? 0
                for peer in node.peers where !known.contains(peer.hostname) && !discovered.contains(peer.hostname) {
                    guard knownUUIDs.insert(peer.uuid).inserted else { continue }
                    hints.nodes.append(RecoveryHints.Node(manageHostname: peer.hostname, group: group))
                    discovered.append(peer.hostname)
                    added = true
                }
            }
            if !added { break }
        }
        let provisional = Self.provisional(hints)
        var probes: [String: [String: ProbedPath]] = [:]
        for (host, paths) in StoreRebuilder.probeCandidates(observed: observed, hints: hints) {
            guard let node = provisional.nodes.values.first(where: { $0.manageHostname == host }) else { continue }
            do throws(ExecutorError) {
                probes[host] = try await executor.devicePaths(paths, on: node).mapValues {
                    ProbedPath(resolved: $0.resolved, filesystemSize: $0.mountedCapacity?.total)
                }
            } catch {
                return .failure(RecoveryError("cannot probe the device paths on \(host): \(error.description)"))
            }
        }
        do throws(RecoveryError) {
            var topology = try StoreRebuilder.rebuild(observed: observed, hints: hints, probes: probes)
            topology.notes += discovered.map {
                .observation("node \($0) was found as a peer, not in the documents; it is recorded in zone 1")
            }
            return .success(topology)
        } catch {
            return .failure(error)
        }
    }

    /// Nodes only, each group its own cluster (so each pool is asked for its volumes), for the executor to find
    /// them: observation needs nothing else.
    private static func provisional(_ hints: RecoveryHints) -> Topology {
        var topology = Topology()
        for group in Set(hints.nodes.map(\.group)) {
            topology.insert(Cluster(id: ClusterID(high: 0, low: UInt64(group + 1))))
        }
        for (index, hint) in hints.nodes.enumerated() {
            topology.insert(
                Node(
                    id: NodeID(high: 0, low: UInt64(index + 1)), cluster: ClusterID(high: 0, low: UInt64(hint.group + 1)),
                    zone: hint.zone, manageHostname: hint.manageHostname, storageHostname: hint.storageHostname))
        }
        return topology
    }

    /// The documents' nodes with their zones, tags and devices, each topology cluster a group of its own.
    static func nodeHints(from state: DesiredState) -> [RecoveryHints.Node] {
        var nodes: [RecoveryHints.Node] = []
        for (index, cluster) in state.clusters.enumerated() {
            for node in cluster.nodes {
                nodes.append(
                    RecoveryHints.Node(
                        manageHostname: node.manageHostname, storageHostname: node.storageHostname, zone: node.zone,
                        tags: node.tags, group: index,
                        devices: Dictionary(node.devices.map { ($0.name, $0.tags) }, uniquingKeysWith: { first, _ in first })))
            }
        }
        return nodes
    }

    /// The claims' gid and snapshot settings, by volume name.
    static func volumeHints(from state: DesiredState) -> [String: RecoveryHints.Volume] {
        var volumes: [String: RecoveryHints.Volume] = [:]
        for claim in state.claims {
            volumes[claim.name] = RecoveryHints.Volume(gid: claim.gid, snapshot: claim.snapshot)
        }
        return volumes
    }
}
