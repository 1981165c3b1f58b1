import NodeCommands
import NodeTransport
public import StorageModel

extension CommandExecutor {
    /// Looks at every node of `topology` (in parallel; a node that cannot be reached is reported, not fatal) and
    /// at the gluster volumes, asked of the first node.
    ///
    /// One round trip per node: each node runs one `NodeObservationScript`, and the first node's script also asks
    /// for volume info and status. Only when that node's glusterd does not answer are the volumes asked of the
    /// next nodes in turn (one more round trip each), and only when glusterd refuses `volume status` as busy is
    /// status asked again on its own, so the usual pass is exactly one round trip per node.
    public func observe(_ topology: Topology) async -> ObservedState {
        let nodes = topology.nodes.values.sorted { $0.manageHostname < $1.manageHostname }
        let token = Self.markerToken()
        // Each cluster is its own trusted pool: its volumes are asked of its first node.
        let pools = Dictionary(grouping: nodes, by: \.cluster).values.map { $0 }.sorted { $0[0].manageHostname < $1[0].manageHostname }
        let asked = Set(pools.map { $0[0].id })
        let answers = await withTaskGroup(of: (NodeID, ObservedState.Node, [ObservedState.Volume]?).self) { group in
            for node in nodes {
                let devices = topology.devices(on: node.id).filter { $0.backend == .directory }.map(\.name)
                group.addTask {
                    let (observed, volumes) = await self.observeNode(
                        node, directoryDevices: devices, volumes: asked.contains(node.id), token: token)
                    return (node.id, observed, volumes)
                }
            }
            var result: [(NodeID, ObservedState.Node, [ObservedState.Volume]?)] = []
            for await answer in group { result.append(answer) }
            return result
        }
        var state = ObservedState(nodes: answers.map(\.1).sorted { $0.host < $1.host })
        let volumesByNode = Dictionary(answers.compactMap { answer in answer.2.map { (answer.0, $0) } }, uniquingKeysWith: { first, _ in first })
        var sources: [String] = []
        var unanswered = false
        for pool in pools {
            if let volumes = volumesByNode[pool[0].id] {
                state.volumes += volumes
                sources.append(pool[0].manageHostname)
                continue
            }
            var found = false
            for node in pool.dropFirst() {
                let script = NodeObservationScript(
                    token: token, sections: NodeObservationScript.volumeSections(gluster: self.settings.gluster))
                let answer = await self.ask(script, of: node)
                if let volumes = try? await self.volumes(from: answer, on: node) {
                    state.volumes += volumes
                    sources.append(node.manageHostname)
                    found = true
                    break
                }
            }
            unanswered = unanswered || !found
        }
        state.volumes.sort { $0.name < $1.name }
        // Volumes are judged only when every pool answered: a pool that did not would look as if its volumes were gone.
        state.volumesFrom = unanswered || sources.isEmpty ? nil : sources.joined(separator: ",")
        Self.identify(&state, nodes: nodes)
        return state
    }

    /// Fills in each node's glusterd UUID from what the others say: the peers that name it (by storage or manage
    /// hostname) and the bricks it serves.
    static func identify(_ state: inout ObservedState, nodes: [Node]) {
        var uuids: [String: String] = [:]
        for node in state.nodes {
            for peer in node.peers { uuids[peer.hostname] = peer.uuid }
        }
        for volume in state.volumes {
            for brick in volume.bricks {
                guard let uuid = brick.hostUUID, let colon = brick.address.lastIndex(of: ":") else { continue }
                uuids[String(brick.address[..<colon])] = uuid
            }
        }
        let storageHosts = Dictionary(
            nodes.map { ($0.manageHostname, $0.storageHostname) }, uniquingKeysWith: { first, _ in first })
        for index in state.nodes.indices {
            let host = state.nodes[index].host
            state.nodes[index].uuid = storageHosts[host].flatMap { uuids[$0] } ?? uuids[host]
        }
    }

    /// One node's observation and, when `volumes` asks for them, the gluster volumes it reported (nil when its
    /// glusterd did not answer).
    private func observeNode(_ node: Node, directoryDevices: [String], volumes: Bool, token: String) async
        -> (ObservedState.Node, [ObservedState.Volume]?)
    {
        let script = NodeObservationScript(
            token: token,
            sections: NodeObservationScript.sections(
                gluster: self.settings.gluster, storage: self.settings.storage, directoryDevices: directoryDevices,
                volumes: volumes))
        let answer = await self.ask(script, of: node)
        var observed = ObservedState.Node(host: node.manageHostname)
        func attempt(_ what: String, _ body: () throws(ExecutorFailure) -> Void) {
            do throws(ExecutorFailure) {
                try body()
            } catch {
                observed.errors.append("\(what): \(error.message)")
            }
        }
        attempt("peers") { () throws(ExecutorFailure) in
            observed.peers = try Self.peers(from: try answer.output(.peers))
        }
        attempt("lvm") { () throws(ExecutorFailure) in
            let pvs = try answer.output(.physicalVolumes)
            let vgs = try answer.output(.volumeGroups)
            let lvs = try answer.output(.logicalVolumes)
            observed.physicalVolumes = try Self.physicalVolumes(from: pvs)
            observed.volumeGroups = try Self.volumeGroups(from: vgs)
            observed.logicalVolumes = try Self.logicalVolumes(from: lvs)
        }
        attempt("mounts") { () throws(ExecutorFailure) in
            observed.brickMounts = Self.brickMounts(from: try answer.output(.mounts), root: self.settings.storage.mountRoot)
        }
        if !directoryDevices.isEmpty {
            attempt("brick directories") { () throws(ExecutorFailure) in
                observed.brickDirectories = Self.lines(of: try answer.output(.brickDirectories)).sorted()
            }
            attempt("directory filesystems") { () throws(ExecutorFailure) in
                observed.directoryFilesystems = try Self.directoryFilesystems(
                    from: try answer.output(.directoryFilesystems), paths: directoryDevices)
            }
        }
        guard volumes else { return (observed, nil) }
        return (observed, try? await self.volumes(from: answer, on: node))
    }

    /// Runs `script` on `node` as one round trip; a failed round trip is kept in the answer, not thrown.
    private func ask(_ script: NodeObservationScript, of node: Node) async -> ObservationAnswer {
        let result: Result<CommandResult, ExecutorFailure>
        do throws(ExecutorFailure) {
            result = .success(try await self.execute(script.command, on: node))
        } catch {
            result = .failure(error)
        }
        return ObservationAnswer(script: script, result: result, host: node.manageHostname)
    }

    /// The volumes from the volume-info and volume-status sections. A status refused as busy (another gluster
    /// transaction held the lock) is asked again on its own, with the executor's retries.
    private func volumes(from answer: ObservationAnswer, on node: Node) async throws(ExecutorFailure)
        -> [ObservedState.Volume]
    {
        let info = try answer.output(.volumeInfo)
        var status = try? answer.section(.volumeStatus)
        if status == nil, let refused = answer.outputs[.volumeStatus],
            Self.isBusy(CommandResult(exitCode: refused.exitCode, stdout: refused.stdout, stderr: refused.stderr))
        {
            let again = try? await self.execute(self.settings.gluster.command(["volume", "status", "all", "--xml"]), on: node)
            status = again.map { .init(exitCode: $0.exitCode, stdout: $0.stdout, stderr: $0.stderr) }
        }
        return try Self.volumes(info: info, status: status?.stdout)
    }

    /// A fresh random token for the markers of one pass (128 bits, hexadecimal).
    static func markerToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }
}
