import Allocation
import NodeCommands
import StorageModel

extension CommandExecutor {
    /// One round trip: the LVM brick script (thin pool and LV, XFS, fstab, mount, directory) or, on a directory
    /// device, the brick's directories.
    func createBrick(_ id: BrickID, in topology: Topology) async throws(ExecutorFailure) {
        let (brick, device, node) = try self.brick(id, in: topology)
        let gid = topology.volumes[brick.volume]?.gid
        switch device.backend {
        case .lvm:
            let factor = topology.volumes[brick.volume]?.snapshot.effectiveFactor ?? 1
            let space = BrickSpace(size: brick.size, snapshotFactor: factor)
            let spec = BrickSpec(
                brick: id, device: device.id, size: brick.size, thinPool: space.thinPool,
                poolMetadata: space.metadata, gid: gid, role: brick.role)
            try await self.execute(BrickCommands.create(spec, settings: self.settings.storage), on: node)
        case .directory:
            try await self.execute(DirectoryBrickCommands.create(device: device.name, brick: id, gid: gid), on: node)
        }
    }

    /// One round trip that removes whatever of the brick exists, so it also undoes a create that stopped halfway.
    func destroyBrick(_ id: BrickID, in topology: Topology) async throws(ExecutorFailure) {
        let (_, device, node) = try self.brick(id, in: topology)
        switch device.backend {
        case .lvm:
            try await self.execute(
                BrickCommands.destroy(brick: id, device: device.id, settings: self.settings.storage), on: node)
        case .directory:
            try await self.execute(DirectoryBrickCommands.destroy(device: device.name, brick: id), on: node)
        }
    }

    private func brick(_ id: BrickID, in topology: Topology) throws(ExecutorFailure) -> (Brick, Device, Node) {
        guard let brick = topology.bricks[id] else { throw ExecutorFailure(host: nil, message: "unknown brick \(id)") }
        let (device, node) = try self.device(brick.device, in: topology)
        return (brick, device, node)
    }
}
