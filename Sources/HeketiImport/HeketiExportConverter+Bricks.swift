internal import StorageModel

/// Bricks: where each sits, its size and what it reserves on its device (Heketi's KiB), kept at Heketi's path.
extension HeketiExportConverter {
    mutating func convertBricks() throws(HeketiImportError) {
        let entries = try self.section(self.export.brickentries, "brickentries")
        let volumeOfBrick = Dictionary(entries.map { ($0.0, $0.1.info?.volume ?? "") }, uniquingKeysWith: { a, _ in a })
        let deviceOfBrick = Dictionary(entries.map { ($0.0, $0.1.info?.device ?? "") }, uniquingKeysWith: { a, _ in a })
        var listedByVolume: [String: Set<String>] = [:]
        for (volume, ids) in self.volumeBricks { listedByVolume[volume.description] = Set(ids.map(\.description)) }
        let devices = try self.section(self.export.deviceentries, "deviceentries")
        let listedByDevice = try self.listings(devices, kind: "device", field: "Bricks") { $0.bricks }
        for (key, entry) in entries {
            let brick = try self.brick(key, entry, listedByVolume: listedByVolume, listedByDevice: listedByDevice)
            self.bricks[brick.id] = brick
        }
        for (volume, ids) in self.volumeBricks.sorted(by: { $0.key < $1.key }) {
            try self.checkList(
                ids.map(\.description), of: "volume \(volume)", field: "Bricks", childKind: "brick",
                parentID: volume.description, parentOfChild: volumeOfBrick)
        }
        for (key, entry) in devices {
            try self.checkList(
                entry.bricks, of: "device \(key)", field: "Bricks", childKind: "brick", parentID: key,
                parentOfChild: deviceOfBrick)
        }
    }

    private mutating func brick(
        _ key: String, _ entry: HeketiExport.BrickEntry, listedByVolume: [String: Set<String>],
        listedByDevice: [String: Set<String>]
    ) throws(HeketiImportError) -> Brick {
        let id: BrickID = try self.key(key, infoID: entry.info?.id, kind: "brick")
        guard let info = entry.info else { throw HeketiImportError("brick \(key)", .missing(field: "Info")) }
        let volumeID: VolumeID = try self.identifier(info.volume, "brick \(key)", field: "Info.volume")
        guard let volume = self.volumes[volumeID] else {
            throw HeketiImportError("brick \(key)", .dangling(relation: "belongs to volume", id: volumeID.description))
        }
        let subject = "volume \(volumeID): brick \(key)"
        try self.checkListed(
            key, in: listedByVolume, parentID: volumeID.description, subject: subject, parent: "volume \(volumeID)",
            field: "Bricks")
        if let operation = entry.pending?.id, !operation.isEmpty {
            throw HeketiImportError(subject, .pending(operation: operation))
        }
        let deviceID: DeviceID = try self.identifier(info.device, subject, field: "Info.device")
        guard let device = self.devices[deviceID] else {
            throw HeketiImportError(subject, .dangling(relation: "is on device", id: deviceID.description))
        }
        try self.checkListed(
            key, in: listedByDevice, parentID: deviceID.description, subject: subject, parent: "device \(deviceID)",
            field: "Bricks")
        let nodeID: NodeID = try self.identifier(info.node, subject, field: "Info.node")
        guard let node = self.nodes[nodeID] else {
            throw HeketiImportError(subject, .dangling(relation: "is on node", id: nodeID.description))
        }
        guard device.node == nodeID else {
            throw HeketiImportError(
                subject, .unsupported("it names node \(nodeID), but its device \(deviceID) is on node \(device.node)"))
        }
        guard node.cluster == volume.cluster else {
            throw HeketiImportError(
                subject,
                .unsupported("its node \(nodeID) is in cluster \(node.cluster), not the volume's \(volume.cluster)"))
        }
        guard let path = info.path, path.hasPrefix("/") else {
            throw HeketiImportError(
                subject,
                info.path == nil
                    ? .missing(field: "Info.path")
                    : .invalid(
                        ValidationError(
                            field: "Info.path", value: info.path ?? "",
                            problem: .invalidCharacters(allowed: "an absolute path"))))
        }
        let size = try self.size(info.size, unit: ByteCount.kibibyte, subject, field: "Info.size")
        guard size > .zero else {
            throw HeketiImportError(
                subject, .invalid(ValidationError(field: "Info.size", value: "0", problem: .belowMinimum("1"))))
        }
        // What the brick takes from its volume group: the thin pool and the pool's metadata LV.
        let pool = try self.size(entry.tpSize, unit: ByteCount.kibibyte, subject, field: "TpSize")
        let metadata = try self.size(
            entry.poolMetadataSize, unit: ByteCount.kibibyte, subject, field: "PoolMetadataSize")
        let role: Brick.Role
        switch entry.subType ?? 0 {
        case 0: role = .data; self.untypedBricks.insert(id)
        case 1: role = .data
        case 2: role = .arbiter
        case let other:
            throw HeketiImportError(
                subject,
                .invalid(ValidationError(field: "SubType", value: String(other), problem: .notOneOf(["0", "1", "2"]))))
        }
        return Brick(
            id: id, volume: volumeID, device: deviceID, node: nodeID, role: role, size: size, reserved: pool + metadata,
            path: path)
    }

    /// Refuses devices whose bricks do not fit (the store would too, less clearly) and notes where Heketi's own
    /// `used` figure disagrees with its bricks.
    mutating func checkDeviceSpace() throws(HeketiImportError) {
        var reserved: [DeviceID: ByteCount] = [:]
        for brick in self.bricks.values { reserved[brick.device, default: .zero] += brick.reserved }
        let entries = self.export.deviceentries ?? [:]
        for device in self.devices.values.sorted(by: { $0.id < $1.id }) {
            let bricks = reserved[device.id] ?? .zero
            guard bricks <= device.total else {
                throw HeketiImportError("device \(device.id)", .overcommitted(reserved: bricks, total: device.total))
            }
            if let used = entries[device.id.description]?.info?.storage?.used,
                let heketiUsed = ByteCount.exactly(used, unit: ByteCount.kibibyte), heketiUsed != bricks
            {
                self.notes.append(.deviceUsageDiffers(device: device.id, heketiUsed: heketiUsed, bricksReserve: bricks))
            }
        }
    }
}
