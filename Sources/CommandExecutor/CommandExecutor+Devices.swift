import EventLog
import Executor
import Foundation
import NodeCommands
import NodeTransport
import StorageModel

extension CommandExecutor {
    /// Looks at what the device path is on the node (one round trip), then sets it up for its backend: a block
    /// device becomes an LVM volume group (one more round trip, sized from LVM's report); a directory is used as
    /// it is, sized as its whole filesystem.
    func setUpDevice(_ id: DeviceID, destroyData: Bool, in topology: Topology) async throws(ExecutorFailure)
        -> DeviceReport
    {
        let (device, node) = try self.device(id, in: topology)
        let probe = try await self.execute(
            NodeScript([.run(PathProbe.kind(of: device.name)), .run(PathProbe.capacity(of: device.name))]), on: node)
        let lines = probe.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        switch PathProbe.parseKind(lines.first ?? "") {
        case .blockDevice:
            var script = DeviceCommands.setUp(
                device: id, path: device.name, destroyData: destroyData, settings: self.settings.storage)
            script.append(.run(DeviceCommands.report(device: id, settings: self.settings.storage)))
            let result = try await self.execute(script, on: node)
            return DeviceReport(size: try self.volumeGroupSize(result.stdout, node: node), backend: .lvm)
        case .directory:
            // A directory that is not a mount point would put bricks on whatever filesystem holds it (often /).
            let mounted = try await self.execute(
                NodeCommand(["mountpoint", "-q", device.name], toleratedExitCodes: [1, 32]), on: node)
            guard mounted.exitCode == 0 else {
                throw ExecutorFailure(
                    host: node.manageHostname,
                    message: "\(device.name) is a directory but not a mount point; mount the filesystem for bricks there first")
            }
            let size = try self.directorySize(lines.dropFirst().first ?? "", node: node)
            self.log.warning(
                "device_size_not_enforced", ("device", id.description), ("host", node.manageHostname),
                ("path", device.name),
                ("reason", "directory backend without project quotas: brick sizes are accounted, not enforced"))
            return DeviceReport(size: size, backend: .directory, sizeEnforced: false)
        case .other(let kind):
            throw ExecutorFailure(
                host: node.manageHostname,
                message: "\(device.name) is a \(kind), neither a block device (LVM) nor a directory (a mounted filesystem)")
        }
    }

    /// Rereads the size: LVM's report for a volume group, the filesystem's for a directory device.
    func resyncDevice(_ id: DeviceID, in topology: Topology) async throws(ExecutorFailure) -> DeviceReport {
        let (device, node) = try self.device(id, in: topology)
        switch device.backend {
        case .lvm:
            let result = try await self.execute(DeviceCommands.report(device: id, settings: self.settings.storage), on: node)
            return DeviceReport(size: try self.volumeGroupSize(result.stdout, node: node), backend: .lvm)
        case .directory:
            let result = try await self.execute(PathProbe.capacity(of: device.name), on: node)
            return DeviceReport(
                size: try self.directorySize(result.stdout, node: node), backend: .directory, sizeEnforced: false)
        }
    }

    /// Removes the volume group and physical volume (each only when present); a directory device keeps its
    /// filesystem, which Brickyard never made.
    func tearDownDevice(_ id: DeviceID, in topology: Topology) async throws(ExecutorFailure) {
        let (device, node) = try self.device(id, in: topology)
        guard device.backend == .lvm else { return }
        try await self.execute(
            DeviceCommands.tearDown(device: id, path: device.name, settings: self.settings.storage), on: node)
    }

    private func volumeGroupSize(_ json: String, node: Node) throws(ExecutorFailure) -> ByteCount {
        let groups: [VolumeGroupRow]
        do throws(NodeOutputError) {
            groups = try LVMReport.volumeGroups(from: Data(json.utf8))
        } catch {
            throw ExecutorFailure(host: node.manageHostname, message: error.description)
        }
        guard let group = groups.first else {
            throw ExecutorFailure(host: node.manageHostname, message: "vgs reported no volume group")
        }
        // The whole group: bricks already on it are counted by the store, so its free space would count them twice.
        return group.totalSize
    }

    /// The filesystem's whole size (`stat -f` total blocks), as for a volume group: bricks already on it are counted
    /// by the store, so its free space would count them twice, and a size that does not change as bricks fill it is
    /// one recovery and drift can read back and compare.
    private func directorySize(_ line: String, node: Node) throws(ExecutorFailure) -> ByteCount {
        do throws(NodeOutputError) {
            return try PathProbe.parseCapacity(line).total
        } catch {
            throw ExecutorFailure(host: node.manageHostname, message: error.description)
        }
    }
}
