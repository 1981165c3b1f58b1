import EventLog
import NodeCommands
import NodeTransport
import StorageModel

extension CommandExecutor {
    /// `gluster volume create` with the volume's first sets.
    func createVolume(_ id: VolumeID, bricks: [BrickID], in topology: Topology) async throws(ExecutorFailure) {
        let volume = try self.volume(id, in: topology)
        var addresses: [BrickAddress] = []
        for brick in bricks { addresses.append(try self.address(of: brick, in: topology)) }
        let command = self.settings.gluster.createVolume(
            volume.name, durability: volume.durability, bricks: addresses, force: self.settings.forceGlusterBricks)
        try await self.execute(command, on: try self.glusterNode(for: volume, in: topology))
    }

    /// Every `gluster volume set` in one script: one round trip for all of a volume's options.
    func setOptions(_ id: VolumeID, _ options: [VolumeOption], in topology: Topology) async throws(ExecutorFailure) {
        guard !options.isEmpty else { return }
        let volume = try self.volume(id, in: topology)
        let script = NodeScript(options.map { .run(self.settings.gluster.setOption(volume.name, $0)) })
        try await self.execute(script, on: try self.glusterNode(for: volume, in: topology))
    }

    /// Every `gluster volume reset` in one script, one round trip; a key reset again is no error to gluster, so a
    /// step resumed after a restart runs the whole script again.
    func resetOptions(_ id: VolumeID, _ keys: [String], in topology: Topology) async throws(ExecutorFailure) {
        guard !keys.isEmpty else { return }
        let volume = try self.volume(id, in: topology)
        let script = NodeScript(keys.map { .run(self.settings.gluster.resetOption(volume.name, $0)) })
        try await self.execute(script, on: try self.glusterNode(for: volume, in: topology))
    }

    func startVolume(_ id: VolumeID, in topology: Topology) async throws(ExecutorFailure) {
        let volume = try self.volume(id, in: topology)
        try await self.executeTolerating(
            self.settings.gluster.startVolume(volume.name), on: try self.glusterNode(for: volume, in: topology),
            whenMessageContains: ["already started"])
    }

    /// `add-brick` in Heketi's batches, all in one script.
    func addBricks(_ id: VolumeID, bricks: [BrickID], in topology: Topology) async throws(ExecutorFailure) {
        let volume = try self.volume(id, in: topology)
        var addresses: [BrickAddress] = []
        for brick in bricks { addresses.append(try self.address(of: brick, in: topology)) }
        let commands = self.settings.gluster.addBrickBatches(
            volume.name, durability: volume.durability, bricks: addresses, force: self.settings.forceGlusterBricks)
        // Bricks already in the volume (an add-brick run again after a restart) are skipped, so the step can be
        // carried through.
        let node = try self.glusterNode(for: volume, in: topology)
        var pending = commands
        if let info = try? await self.volumeBricks(volume.name, on: node) {
            let present = Set(info)
            pending = self.settings.gluster.addBrickBatches(
                volume.name, durability: volume.durability, bricks: addresses.filter { !present.contains($0.argument) },
                force: self.settings.forceGlusterBricks)
        }
        guard !pending.isEmpty else { return }
        try await self.execute(NodeScript(pending.map { .run($0) }), on: node)
    }

    func replaceBrick(_ id: VolumeID, old: BrickID, new: BrickID, in topology: Topology) async throws(ExecutorFailure)
    {
        let volume = try self.volume(id, in: topology)
        let command = self.settings.gluster.replaceBrick(
            volume.name, old: try self.address(of: old, in: topology), new: try self.address(of: new, in: topology))
        try await self.execute(command, on: try self.glusterNode(for: volume, in: topology))
    }

    func rebalance(_ id: VolumeID, in topology: Topology) async throws(ExecutorFailure) {
        guard self.settings.rebalanceOnExpansion else { return }
        let volume = try self.volume(id, in: topology)
        try await self.execute(
            self.settings.gluster.rebalanceStart(volume.name), on: try self.glusterNode(for: volume, in: topology))
    }

    /// `volume stop NAME force`, only for a gluster volume that is this volume's (see `isOurs`); one that is not
    /// started, or not there, is already stopped.
    func stopVolume(_ id: VolumeID, in topology: Topology) async throws(ExecutorFailure) {
        let volume = try self.volume(id, in: topology)
        let node = try self.glusterNode(for: volume, in: topology)
        guard try await self.isOurs(volume, on: node, in: topology) else { return }
        try await self.executeTolerating(
            self.settings.gluster.stopVolume(volume.name), on: node,
            whenMessageContains: ["does not exist", "not in the started state", "is not started"])
    }

    /// `volume delete NAME`, only for this volume's gluster volume; a volume that is not there is already deleted.
    func deleteVolume(_ id: VolumeID, in topology: Topology) async throws(ExecutorFailure) {
        let volume = try self.volume(id, in: topology)
        let node = try self.glusterNode(for: volume, in: topology)
        guard try await self.isOurs(volume, on: node, in: topology) else { return }
        try await self.executeTolerating(
            self.settings.gluster.deleteVolume(volume.name), on: node, whenMessageContains: ["does not exist"])
    }

    /// The `host:path` of every brick the gluster volume has, or nil when it cannot be read.
    func volumeBricks(_ name: String, on node: Node) async throws(ExecutorFailure) -> [String]? {
        let query = self.settings.gluster.volumeInfo(name)
        let result = try await self.execute(NodeCommand(query.argv, toleratedExitCodes: [1]), on: node)
        guard let volumes = try? GlusterVolumeInfo.parse(result.stdout),
            let volume = volumes.first(where: { $0.name == name })
        else { return nil }
        return volume.bricks.map(\.address.argument)
    }

    /// Whether the gluster volume called `volume.name` is this volume: it carries `user.heketi.id <id>`, or (a
    /// create interrupted before its options were set) it has no such option and only this volume's bricks. A
    /// name taken by someone else's volume is never stopped or deleted; a volume that is not there is not ours.
    func isOurs(_ volume: Volume, on node: Node, in topology: Topology) async throws(ExecutorFailure) -> Bool {
        // With --xml gluster reports a missing volume inside the XML; some versions also exit 1.
        let query = self.settings.gluster.volumeInfo(volume.name)
        let result = try await self.execute(NodeCommand(query.argv, toleratedExitCodes: [1]), on: node)
        if result.exitCode != 0, !result.stdout.contains("<cliOutput") {
            guard result.lastMessageLine.contains("does not exist") else {
                throw ExecutorFailure(
                    host: node.manageHostname, message: "reading volume \(volume.name): \(result.lastMessageLine)")
            }
            return false
        }
        let found: [GlusterVolumeInfo]
        do throws(NodeOutputError) {
            found = try GlusterVolumeInfo.parse(result.stdout)
        } catch {
            if case .glusterFailed = error { return false }  // "Volume NAME does not exist"
            throw ExecutorFailure(host: node.manageHostname, message: "reading volume \(volume.name): \(error)")
        }
        guard let info = found.first(where: { $0.name == volume.name }) else { return false }
        if let owner = info.option("user.heketi.id") {
            if owner == volume.id.description { return true }
            self.log.warning(
                "volume_name_taken", ("volume", volume.id.description), ("name", volume.name), ("owner", owner))
            return false
        }
        var ours: Set<String> = []
        for brick in topology.bricks.values where brick.volume == volume.id {
            if let host = topology.nodes[brick.node]?.storageHostname { ours.insert("\(host):\(brick.path)") }
        }
        return info.bricks.allSatisfy { ours.contains($0.address.argument) }
    }
}
