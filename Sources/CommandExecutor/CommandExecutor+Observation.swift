import Foundation
import NodeCommands
import NodeTransport
public import StorageModel

extension CommandExecutor {
    /// Looks at every node of `topology` (in parallel; a node that cannot be reached is reported, not fatal) and
    /// at the gluster volumes from the first node whose glusterd answers.
    public func observe(_ topology: Topology) async -> ObservedState {
        let nodes = topology.nodes.values.sorted { $0.manageHostname < $1.manageHostname }
        let observed = await withTaskGroup(of: ObservedState.Node.self) { group in
            for node in nodes {
                let devices = topology.devices(on: node.id).filter { $0.backend == .directory }.map(\.name)
                group.addTask { await self.observeNode(node, directoryDevices: devices) }
            }
            var result: [ObservedState.Node] = []
            for await node in group { result.append(node) }
            return result.sorted { $0.host < $1.host }
        }
        var state = ObservedState(nodes: observed)
        for node in nodes {
            if let volumes = try? await self.observeVolumes(on: node) {
                state.volumes = volumes
                state.volumesFrom = node.manageHostname
                break
            }
        }
        return state
    }

    private func observeNode(_ node: Node, directoryDevices: [String]) async -> ObservedState.Node {
        var observed = ObservedState.Node(host: node.manageHostname)
        func attempt(_ what: String, _ body: () async throws(ExecutorFailure) -> Void) async {
            do throws(ExecutorFailure) {
                try await body()
            } catch {
                observed.errors.append("\(what): \(error.message)")
            }
        }
        await attempt("peers") { () throws(ExecutorFailure) in
            let result = try await self.execute(self.settings.gluster.peerStatus(), on: node)
            observed.peers = try Self.parsed { () throws(NodeOutputError) in
                try GlusterPeer.parsePeerStatus(result.stdout)
            }.map { ObservedState.Peer(uuid: $0.uuid, hostname: $0.hostname, connected: $0.connected, state: $0.state) }
                .sorted { $0.hostname < $1.hostname }
        }
        await attempt("lvm") { () throws(ExecutorFailure) in
            let storage = self.settings.storage
            let pvs = try await self.execute(LVMReport.physicalVolumes(settings: storage), on: node)
            let vgs = try await self.execute(LVMReport.volumeGroups(settings: storage), on: node)
            let lvs = try await self.execute(LVMReport.logicalVolumes(settings: storage), on: node)
            observed.physicalVolumes = try Self.parsed { () throws(NodeOutputError) in
                try LVMReport.physicalVolumes(from: Data(pvs.stdout.utf8))
            }.map { .init(name: $0.name, volumeGroup: $0.volumeGroup, size: $0.size.bytes, free: $0.free.bytes) }
            observed.volumeGroups = try Self.parsed { () throws(NodeOutputError) in
                try LVMReport.volumeGroups(from: Data(vgs.stdout.utf8))
            }.map { .init(name: $0.name, size: $0.totalSize.bytes, free: $0.freeSize.bytes) }
            observed.logicalVolumes = try Self.parsed { () throws(NodeOutputError) in
                try LVMReport.logicalVolumes(from: Data(lvs.stdout.utf8))
            }.map { .init(name: $0.name, volumeGroup: $0.volumeGroup, size: $0.size.bytes, pool: $0.pool) }
        }
        await attempt("mounts") { () throws(ExecutorFailure) in
            let root = self.settings.storage.mountRoot
            let result = try await self.execute(NodeCommand(["findmnt", "-rn", "-o", "TARGET"]), on: node)
            observed.brickMounts = result.stdout.split(separator: "\n").map(String.init)
                .filter { $0.hasPrefix(root + "/") }.sorted()
        }
        if !directoryDevices.isEmpty {
            await attempt("brick directories") { () throws(ExecutorFailure) in
                let command = NodeCommand(
                    ["find"] + directoryDevices + ["-mindepth", "1", "-maxdepth", "1", "-type", "d", "-name", "brick_*"])
                let result = try await self.execute(command, on: node)
                observed.brickDirectories = result.stdout.split(separator: "\n").map(String.init).sorted()
            }
        }
        return observed
    }

    private func observeVolumes(on node: Node) async throws(ExecutorFailure) -> [ObservedState.Volume] {
        let info = try await self.execute(self.settings.gluster.volumeInfo(), on: node)
        let volumes = try Self.parsed { () throws(NodeOutputError) in try GlusterVolumeInfo.parse(info.stdout) }
        var online: [String: GlusterVolumeStatus.Process] = [:]
        if volumes.contains(where: { $0.status == .started }) {
            let status = try await self.execute(self.settings.gluster.command(["volume", "status", "all", "--xml"]), on: node)
            let reports = (try? GlusterVolumeStatus.parse(status.stdout)) ?? []
            for report in reports {
                for brick in report.bricks { online["\(report.volume) \(brick.brickAddress.argument)"] = brick }
            }
        }
        return volumes.map { volume in
            ObservedState.Volume(
                name: volume.name, id: volume.id, status: Self.statusName(volume.status), type: volume.typeName,
                bricks: volume.bricks.map { brick in
                    let process = online["\(volume.name) \(brick.address.argument)"]
                    return ObservedState.Brick(
                        address: brick.address.argument, online: process?.online, port: process?.port)
                },
                options: Dictionary(volume.options.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }),
                heketiID: volume.option("user.heketi.id"))
        }.sorted { $0.name < $1.name }
    }

    private static func statusName(_ status: GlusterVolumeInfo.Status) -> String {
        switch status {
        case .created: return "created"
        case .started: return "started"
        case .stopped: return "stopped"
        case .other(_, let text): return text
        }
    }

    private static func parsed<Value>(_ body: () throws(NodeOutputError) -> Value) throws(ExecutorFailure) -> Value {
        do throws(NodeOutputError) {
            return try body()
        } catch {
            throw ExecutorFailure(host: nil, message: error.description)
        }
    }
}
