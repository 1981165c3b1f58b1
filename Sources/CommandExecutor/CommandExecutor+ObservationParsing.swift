import Foundation
import NodeCommands
import StorageModel

/// The sections of an observation turned into `ObservedState` values: pure, so recorded outputs can be checked
/// without a node.
extension CommandExecutor {
    static func peers(from xml: String) throws(ExecutorFailure) -> [ObservedState.Peer] {
        try Self.parsed { () throws(NodeOutputError) in try GlusterPeer.parsePeerStatus(xml) }
            .map { ObservedState.Peer(uuid: $0.uuid, hostname: $0.hostname, connected: $0.connected, state: $0.state) }
            .sorted { $0.hostname < $1.hostname }
    }

    static func physicalVolumes(from json: String) throws(ExecutorFailure) -> [ObservedState.PhysicalVolume] {
        try Self.parsed { () throws(NodeOutputError) in try LVMReport.physicalVolumes(from: Data(json.utf8)) }
            .map { .init(name: $0.name, volumeGroup: $0.volumeGroup, size: $0.size.bytes, free: $0.free.bytes) }
    }

    static func volumeGroups(from json: String) throws(ExecutorFailure) -> [ObservedState.VolumeGroup] {
        try Self.parsed { () throws(NodeOutputError) in try LVMReport.volumeGroups(from: Data(json.utf8)) }
            .map { .init(name: $0.name, size: $0.totalSize.bytes, free: $0.freeSize.bytes) }
    }

    static func logicalVolumes(from json: String) throws(ExecutorFailure) -> [ObservedState.LogicalVolume] {
        try Self.parsed { () throws(NodeOutputError) in try LVMReport.logicalVolumes(from: Data(json.utf8)) }
            .map { .init(name: $0.name, volumeGroup: $0.volumeGroup, size: $0.size.bytes, pool: $0.pool) }
    }

    /// `findmnt -rn -o TARGET` lines under the mount root: the brick filesystems.
    static func brickMounts(from text: String, root: String) -> [String] {
        Self.lines(of: text).filter { $0.hasPrefix(root + "/") }.sorted()
    }

    /// The directory devices among `paths` that are mount points, with their filesystem's size and free space
    /// (a directory that is not a mount point would report the filesystem holding it, so it is left out).
    static func directoryFilesystems(from text: String, paths: [String]) throws(ExecutorFailure)
        -> [ObservedState.Filesystem]
    {
        let probed = try Self.parsed { () throws(NodeOutputError) in
            try PathProbe.parseDevicePaths(text, paths: paths)
        }
        return paths.compactMap { path in
            probed[path]?.mountedCapacity.map {
                ObservedState.Filesystem(path: path, size: $0.total.bytes, free: $0.available.bytes)
            }
        }.sorted { $0.path < $1.path }
    }

    static func lines(of text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    /// The volumes of `volume info --xml`, each brick marked online or not from `volume status all --xml` when
    /// there is a usable status (nil, or output that does not parse, leaves `online` and `port` unknown).
    static func volumes(info: String, status: String?) throws(ExecutorFailure) -> [ObservedState.Volume] {
        let volumes = try Self.parsed { () throws(NodeOutputError) in try GlusterVolumeInfo.parse(info) }
        var online: [String: GlusterVolumeStatus.Process] = [:]
        if let status, volumes.contains(where: { $0.status == .started }) {
            for report in (try? GlusterVolumeStatus.parse(status)) ?? [] {
                for brick in report.bricks { online["\(report.volume) \(brick.brickAddress.argument)"] = brick }
            }
        }
        return volumes.map { volume in
            ObservedState.Volume(
                name: volume.name, id: volume.id, status: Self.statusName(volume.status), type: volume.typeName,
                bricks: volume.bricks.map { brick in
                    let process = online["\(volume.name) \(brick.address.argument)"]
                    return ObservedState.Brick(
                        address: brick.address.argument, online: process?.online, port: process?.port,
                        hostUUID: brick.hostUUID.isEmpty ? nil : brick.hostUUID, isArbiter: brick.isArbiter)
                },
                options: Dictionary(volume.options.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }),
                heketiID: volume.option("user.heketi.id"), durability: volume.durability)
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
