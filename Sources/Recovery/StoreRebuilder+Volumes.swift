import Allocation
import Planning
import HeketiImport
import StorageModel

extension StoreRebuilder {
    struct BuiltVolume {
        var volume: Volume
        var bricks: [Brick]
    }

    /// One brick as found: where it is and which device record holds it.
    private struct FoundBrick {
        var id: BrickID
        var node: Node
        var device: DeviceKey
        var location: BrickLocation
        var path: String
        var isArbiter: Bool
    }

    /// The volume for one Gluster volume; nil (with a note) for a volume that carries no id, which is not ours.
    static func volume(
        _ seen: ObservedState.Volume, hints: RecoveryHints, index: NodeIndex, nodes: [String: Node],
        devices: inout [DeviceKey: Device], observed: ObservedState, notes: inout [ImportNote]
    ) throws(RecoveryError) -> BuiltVolume? {
        let name = seen.name
        guard let text = seen.heketiID else {
            notes.append(.observation("gluster volume \(name) carries no user.heketi.id: not made by Brickyard or Heketi, left out"))
            return nil
        }
        guard let id = try? VolumeID(parsing: text) else {
            throw RecoveryError("gluster volume \(name): user.heketi.id \(text) is not a 32-digit hexadecimal id")
        }
        guard let durability = seen.durability else {
            throw RecoveryError("gluster volume \(name) is \(seen.type), a shape Brickyard does not manage")
        }
        guard !seen.bricks.isEmpty, seen.bricks.count % durability.setSize == 0 else {
            throw RecoveryError(
                "gluster volume \(name) has \(seen.bricks.count) bricks, not a whole number of \(durability) sets")
        }
        let found = try Self.locate(seen, durability: durability, hints: hints, index: index, nodes: nodes, devices: devices)
        let clusters = Set(found.map(\.node.cluster))
        guard let cluster = clusters.first, clusters.count == 1 else {
            throw RecoveryError("gluster volume \(name) has bricks on nodes of \(clusters.count) different clusters")
        }
        let sets = found.count / durability.setSize
        let lvm = try Self.logicalVolumeSizes(found, observed: observed, volume: name)
        var size: ByteCount
        if let recorded = seen.options[VolumePlanner.sizeOption].flatMap({ Int64($0) }), recorded > 0 {
            size = ByteCount(bytes: recorded)
            // A size recorded before an expansion whose bricks joined (the step after add-brick did not happen):
            // the bricks hold at least a whole GiB more, and the bricks are what the volume is.
            if lvm.count == found.count {
                let fromBricks = Self.size(fromBricks: found, sizes: lvm, durability: durability)
                if fromBricks >= size + .gibibytes(1) {
                    notes.append(
                        .observation("volume \(name): \(VolumePlanner.sizeOption) says \(size), its bricks hold \(fromBricks); the bricks' size is recorded"))
                    size = fromBricks
                }
            }
        } else if lvm.count == found.count {
            size = Self.size(fromBricks: found, sizes: lvm, durability: durability)
            notes.append(.observation("volume \(name): no \(VolumePlanner.sizeOption) option, so its size (\(size)) was taken from its bricks"))
        } else {
            throw RecoveryError(
                "gluster volume \(name) has directory bricks and no \(VolumePlanner.sizeOption) option: its size cannot be known")
        }
        let hint = hints.volumes[name]
        let snapshot = Self.snapshot(lvm: lvm, fallback: hint?.snapshot ?? .disabled)
        let directorySize = ByteCount(
            bytes: (size.bytes + Int64(durability.dataFragments * sets) - 1) / Int64(durability.dataFragments * sets)
        ).roundedUp(toMultipleOf: BrickSpace.extent)
        let directoryArbiterSize = Self.arbiterSize(for: directorySize, options: seen.options)
        var bricks: [Brick] = []
        for brick in found {
            let brickSize = lvm[brick.id]?.size ?? (brick.isArbiter ? directoryArbiterSize : directorySize)
            let reserved = BrickSpace(size: brickSize, snapshotFactor: snapshot.effectiveFactor).reserved
            devices[brick.device]?.used += reserved
            bricks.append(
                Brick(
                    id: brick.id, volume: id, device: devices[brick.device]!.id, node: brick.node.id,
                    role: brick.isArbiter ? .arbiter : .data, size: brickSize, reserved: reserved, path: brick.path))
        }
        let options = seen.options.keys.sorted().compactMap { key -> VolumeOption? in
            let value = seen.options[key]!
            if key == VolumePlanner.identityOption || key == VolumePlanner.sizeOption { return nil }
            if GlusterDefaults.options[key] == value { return nil }
            return VolumeOption(key: key, value: value)
        }
        let volume = Volume(
            id: id, name: name, cluster: cluster, size: size, durability: durability, snapshot: snapshot,
            gid: hint?.gid, options: options,
            brickSets: stride(from: 0, to: found.count, by: durability.setSize).map { start in
                found[start..<(start + durability.setSize)].map(\.id)
            })
        return BuiltVolume(volume: volume, bricks: bricks)
    }

    /// Each brick's node, device and location; any brick that cannot be placed stops the recovery.
    private static func locate(
        _ seen: ObservedState.Volume, durability: Durability, hints: RecoveryHints, index: NodeIndex,
        nodes: [String: Node], devices: [DeviceKey: Device]
    ) throws(RecoveryError) -> [FoundBrick] {
        var found: [FoundBrick] = []
        for (position, brick) in seen.bricks.enumerated() {
            guard let (hint, path) = index.resolve(brick), let node = nodes[hint.manageHostname] else {
                throw RecoveryError(
                    "gluster volume \(seen.name): brick \(brick.address) is on a host that is not among the nodes to recover")
            }
            guard let location = BrickLocation(path: path, mountRoot: hints.mountRoot) else {
                throw RecoveryError(
                    "gluster volume \(seen.name): brick \(brick.address) follows neither <mount root>/vg_<device>/brick_<brick>/brick nor <device>/brick_<brick>/brick")
            }
            let key: DeviceKey
            switch location {
            case .lvm(let lvm):
                guard let match = devices.first(where: { $0.key.host == hint.manageHostname && $0.value.id == lvm.device }) else {
                    throw RecoveryError(
                        "gluster volume \(seen.name): brick \(brick.address) is on volume group \(lvm.volumeGroup), which \(hint.manageHostname) does not have")
                }
                key = match.key
            case .directory(let directory):
                key = DeviceKey(host: hint.manageHostname, name: directory.device)
                guard devices[key] != nil else {
                    throw RecoveryError(
                        "gluster volume \(seen.name): brick \(brick.address) is on \(directory.device), which is not a mounted directory on \(hint.manageHostname)")
                }
            }
            let isArbiter =
                brick.isArbiter || (durability.arbiterIndex.map { position % durability.setSize == $0 } ?? false)
            found.append(
                FoundBrick(
                    id: location.brick, node: node, device: key, location: location, path: path, isArbiter: isArbiter))
        }
        return found
    }

    /// The sizes of the LVM bricks' logical volume (`brick_<id>`) and thin pool (`tp_<id>`), by brick.
    private static func logicalVolumeSizes(_ found: [FoundBrick], observed: ObservedState, volume: String)
        throws(RecoveryError) -> [BrickID: (size: ByteCount, pool: ByteCount?)]
    {
        var sizes: [BrickID: (size: ByteCount, pool: ByteCount?)] = [:]
        for brick in found {
            guard case .lvm(let lvm) = brick.location else { continue }
            let volumes =
                observed.node(brick.node.manageHostname)?.logicalVolumes.filter { $0.volumeGroup == lvm.volumeGroup } ?? []
            guard let logical = volumes.first(where: { $0.name == lvm.logicalVolume }) else {
                throw RecoveryError(
                    "gluster volume \(volume): brick \(lvm.brick) has no logical volume \(lvm.logicalVolumePath) on \(brick.node.manageHostname)")
            }
            let pool = volumes.first { $0.name == lvm.thinPool }.map { ByteCount(bytes: $0.size) }
            sizes[lvm.brick] = (ByteCount(bytes: logical.size), pool)
        }
        return sizes
    }

    /// Without a recorded size: each set holds its smallest data brick times the data fragments, and the total is
    /// rounded down to whole GiB (Heketi's sizes are whole GiB; LVM rounds bricks up to an extent).
    private static func size(
        fromBricks found: [FoundBrick], sizes: [BrickID: (size: ByteCount, pool: ByteCount?)], durability: Durability
    ) -> ByteCount {
        var total: Int64 = 0
        for start in stride(from: 0, to: found.count, by: durability.setSize) {
            let data = found[start..<(start + durability.setSize)].filter { !$0.isArbiter }
            let smallest = data.compactMap { sizes[$0.id]?.size.bytes }.min() ?? 0
            total += smallest * Int64(durability.dataFragments)
        }
        let gib: Int64 = 1 << 30
        return ByteCount(bytes: total >= gib ? total / gib * gib : total)
    }

    /// An arbiter brick's size as placement makes it: a KiB per expected file on the data brick (the volume's
    /// `user.heketi.average-file-size`, 64 KiB otherwise), at least the minimum arbiter size.
    private static func arbiterSize(for data: ByteCount, options: [String: String]) -> ByteCount {
        let policy = AllocationPolicy()
        let average = options["user.heketi.average-file-size"].flatMap { Int64($0) }.map { ByteCount.kibibytes($0) }
            ?? policy.averageFileSize
        let files = data.bytes / max(average.bytes, 1024)
        return max(ByteCount.kibibytes(files), policy.minimumArbiterBrickSize).roundedUp(toMultipleOf: BrickSpace.extent)
    }

    /// The snapshot factor from the thin pools (pool size over brick size, to two decimals; 1 means disabled),
    /// taken from the largest brick, where rounding to an extent distorts it least; `fallback` for a volume
    /// without LVM bricks.
    private static func snapshot(lvm: [BrickID: (size: ByteCount, pool: ByteCount?)], fallback: SnapshotSettings)
        -> SnapshotSettings
    {
        let largest = lvm.values.filter { $0.pool != nil && $0.size.bytes > 0 }.max { $0.size < $1.size }
        let ratio = largest.map { Double($0.pool!.bytes) / Double($0.size.bytes) }
        guard let ratio else { return lvm.isEmpty ? fallback : .disabled }
        let factor = (ratio * 100).rounded() / 100
        return factor > 1 ? SnapshotSettings(unchecked: true, factor: factor) : .disabled
    }
}
