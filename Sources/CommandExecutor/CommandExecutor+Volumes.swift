import NodeCommands
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
        try await self.execute(NodeScript(commands.map { .run($0) }), on: try self.glusterNode(for: volume, in: topology))
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

    /// `volume stop NAME force`; a volume that is not started, or not there, is already stopped.
    func stopVolume(_ id: VolumeID, in topology: Topology) async throws(ExecutorFailure) {
        let volume = try self.volume(id, in: topology)
        try await self.executeTolerating(
            self.settings.gluster.stopVolume(volume.name), on: try self.glusterNode(for: volume, in: topology),
            whenMessageContains: ["does not exist", "not in the started state", "is not started"])
    }

    /// `volume delete NAME`; a volume that is not there is already deleted.
    func deleteVolume(_ id: VolumeID, in topology: Topology) async throws(ExecutorFailure) {
        let volume = try self.volume(id, in: topology)
        try await self.executeTolerating(
            self.settings.gluster.deleteVolume(volume.name), on: try self.glusterNode(for: volume, in: topology),
            whenMessageContains: ["does not exist"])
    }
}
