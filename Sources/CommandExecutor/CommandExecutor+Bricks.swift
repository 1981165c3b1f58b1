import Allocation
import NodeCommands
import StorageModel

extension CommandExecutor {
    /// One round trip: the LVM brick script (thin pool and LV, XFS, fstab, mount, directory) or, on a directory
    /// device, the brick's directories. Where and how large come from the brick's record (its path, and the
    /// reservation split back into thin pool and metadata), so the node gets exactly what the store accounted for.
    func createBrick(_ id: BrickID, in topology: Topology) async throws(ExecutorFailure) {
        let (brick, location, node) = try self.brick(id, in: topology)
        let gid = topology.volumes[brick.volume]?.gid
        switch location {
        case .lvm(let lvm):
            let space = BrickSpace(size: brick.size, reserved: brick.reserved)
            let spec = BrickSpec(
                location: lvm, size: brick.size, thinPool: space.thinPool, poolMetadata: space.metadata, gid: gid,
                role: brick.role)
            try await self.execute(BrickCommands.create(spec, settings: self.settings.storage), on: node)
        case .directory(let directory):
            try await self.execute(DirectoryBrickCommands.create(directory, gid: gid), on: node)
        }
    }

    /// One round trip that removes whatever of the brick exists, so it also undoes a create that stopped halfway.
    func destroyBrick(_ id: BrickID, in topology: Topology) async throws(ExecutorFailure) {
        let (_, location, node) = try self.brick(id, in: topology)
        switch location {
        case .lvm(let lvm):
            try await self.execute(BrickCommands.destroy(lvm, settings: self.settings.storage), on: node)
        case .directory(let directory):
            try await self.execute(DirectoryBrickCommands.destroy(directory), on: node)
        }
    }

    /// The brick, where its recorded path puts it, and its node. A path that is not where this brick of its device
    /// lives is refused: nothing is made, and above all nothing removed, in a place the store never chose.
    private func brick(_ id: BrickID, in topology: Topology) throws(ExecutorFailure) -> (Brick, BrickLocation, Node) {
        guard let brick = topology.bricks[id] else { throw ExecutorFailure(host: nil, message: "unknown brick \(id)") }
        let (device, node) = try self.device(brick.device, in: topology)
        guard let location = BrickLocation(recordedPath: brick.path, of: id, on: device) else {
            throw ExecutorFailure(
                host: node.manageHostname,
                message:
                    "brick \(id): its path \(brick.path) is not where a brick of \(device.backend.rawValue) device \(device.name) lives")
        }
        return (brick, location, node)
    }
}
