import NodeCommands
import StorageModel

extension CommandExecutor {
    /// `gluster peer probe <storage host>` from another node of the cluster. The cluster's first node has no one
    /// to be probed from; its glusterd is asked for the pool instead, so an unreachable node fails here.
    func probePeer(_ id: NodeID, in topology: Topology) async throws(ExecutorFailure) {
        let node = try self.node(id, in: topology)
        guard let member = self.otherMember(of: node, in: topology) else {
            try await self.execute(self.settings.gluster.poolList(), on: node)
            return
        }
        try await self.execute(self.settings.gluster.peerProbe(node.storageHostname), on: member)
    }

    /// `gluster peer detach <storage host>` from another node; a host that is not in the pool is already detached.
    func detachPeer(_ id: NodeID, in topology: Topology) async throws(ExecutorFailure) {
        let node = try self.node(id, in: topology)
        guard let member = self.otherMember(of: node, in: topology) else { return }
        try await self.executeTolerating(
            self.settings.gluster.peerDetach(node.storageHostname), on: member,
            whenMessageContains: ["not part of cluster", "is not a friend", "not in peer list"])
    }

    /// The lowest-id node of the same cluster other than `node` that is not failed.
    private func otherMember(of node: Node, in topology: Topology) -> Node? {
        topology.nodes(in: node.cluster).first { $0.id != node.id && $0.state != .failed }
    }

    /// Runs `command`; a failure whose message holds one of `phrases` means the work is already done.
    func executeTolerating(_ command: NodeCommand, on node: Node, whenMessageContains phrases: [String])
        async throws(ExecutorFailure)
    {
        do throws(ExecutorFailure) {
            try await self.execute(command, on: node)
        } catch {
            guard phrases.contains(where: { error.message.contains($0) }) else { throw error }
        }
    }
}
