import NodeCommands
import StorageModel

extension CommandExecutor {
    /// The group of every brick directory of the volume: one script per node holding its bricks, the nodes in
    /// parallel. Each brick's directory is the path the store recorded for it, the one Gluster serves and brick
    /// creation gave its group. The first failure, by host name, is the step's error once every node has answered.
    func setBrickGroup(_ id: VolumeID, gid: Int64, in topology: Topology) async throws(ExecutorFailure) {
        let volume = try self.volume(id, in: topology)
        var paths: [NodeID: [String]] = [:]
        for brickID in volume.brickSets.joined() {
            guard let brick = topology.bricks[brickID] else {
                throw ExecutorFailure(host: nil, message: "unknown brick \(brickID)")
            }
            paths[brick.node, default: []].append(brick.path)
        }
        var work: [(Node, NodeScript)] = []
        for (nodeID, nodePaths) in paths {
            work.append((try self.node(nodeID, in: topology), BrickGroupCommands.set(gid: gid, on: nodePaths)))
        }
        let failures = await withTaskGroup(of: ExecutorFailure?.self) { group in
            for (node, script) in work {
                group.addTask { await self.failure(of: script, on: node) }
            }
            var failures: [ExecutorFailure] = []
            for await failure in group {
                if let failure { failures.append(failure) }
            }
            return failures
        }
        if let first = failures.min(by: { ($0.host ?? "") < ($1.host ?? "") }) { throw first }
    }

    /// Runs a script on a node and gives back its failure, if any, instead of throwing it out of a child task.
    private func failure(of script: NodeScript, on node: Node) async -> ExecutorFailure? {
        do throws(ExecutorFailure) {
            try await self.execute(script, on: node)
            return nil
        } catch {
            return error
        }
    }
}
