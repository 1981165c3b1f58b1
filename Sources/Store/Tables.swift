import SQLite
import StorageModel
import StoreRecords

/// The mapping of every stored type to its table (the schema is in `StoreSchema`).
enum Tables {
    static let clusters = TableMapping<Cluster>(
        table: "clusters", kind: "cluster", columns: ["id", "allows_file_volumes", "allows_block_volumes"],
        hasPending: false,
        values: { cluster in
            [.text(cluster.id.description), .bool(cluster.allowsFileVolumes), .bool(cluster.allowsBlockVolumes)]
        },
        read: { row throws(StoreError) in
            Cluster(id: try row.identifier(), allowsFileVolumes: try row.bool(), allowsBlockVolumes: try row.bool())
        })

    static let nodes = TableMapping<Node>(
        table: "nodes", kind: "node",
        columns: ["id", "cluster_id", "zone", "manage_hostname", "storage_hostname", "tags", "state"],
        hasPending: true,
        values: { node throws(StoreError) in
            [
                .text(node.id.description), .text(node.cluster.description), .integer(Int64(node.zone)),
                .text(node.manageHostname), .text(node.storageHostname), .text(try JSONColumn.encode(node.tags)),
                .text(node.state.rawValue),
            ]
        },
        read: { row throws(StoreError) in
            Node(
                id: try row.identifier(), cluster: try row.identifier(), zone: try row.int(),
                manageHostname: try row.text(), storageHostname: try row.text(), tags: try row.json(Tags.self),
                state: try row.rawValue(OperationalState.self))
        })

    /// `used` is not a column: the topology derives it from the device's bricks.
    static let devices = TableMapping<Device>(
        table: "devices", kind: "device", columns: ["id", "node_id", "name", "tags", "state", "total", "backend", "size_enforced"],
        hasPending: true,
        values: { device throws(StoreError) in
            [
                .text(device.id.description), .text(device.node.description), .text(device.name),
                .text(try JSONColumn.encode(device.tags)), .text(device.state.rawValue), .integer(device.total.bytes),
                .text(device.backend.rawValue), .integer(device.sizeEnforced ? 1 : 0),
            ]
        },
        read: { row throws(StoreError) in
            Device(
                id: try row.identifier(), node: try row.identifier(), name: try row.text(),
                tags: try row.json(Tags.self),
                state: try row.rawValue(OperationalState.self), total: try row.bytes(), used: .zero,
                backend: try row.rawValue(BrickBackend.self), sizeEnforced: try row.int() != 0)
        })

    static let bricks = TableMapping<Brick>(
        table: "bricks", kind: "brick",
        columns: ["id", "volume_id", "device_id", "node_id", "role", "size", "reserved", "path"],
        hasPending: true,
        values: { brick in
            [
                .text(brick.id.description), .text(brick.volume.description), .text(brick.device.description),
                .text(brick.node.description), .text(brick.role.rawValue), .integer(brick.size.bytes),
                .integer(brick.reserved.bytes), .text(brick.path),
            ]
        },
        read: { row throws(StoreError) in
            Brick(
                id: try row.identifier(), volume: try row.identifier(), device: try row.identifier(),
                node: try row.identifier(), role: try row.rawValue(Brick.Role.self), size: try row.bytes(),
                reserved: try row.bytes(), path: try row.text())
        })

    static let volumes = TableMapping<Volume>(
        table: "volumes", kind: "volume",
        columns: [
            "id", "name", "cluster_id", "size", "durability", "snapshot", "gid", "options", "brick_sets",
        ],
        hasPending: true,
        values: { volume throws(StoreError) in
            [
                .text(volume.id.description), .text(volume.name), .text(volume.cluster.description),
                .integer(volume.size.bytes), .text(try JSONColumn.encode(volume.durability)),
                .text(try JSONColumn.encode(volume.snapshot)), volume.gid.map { .integer($0) } ?? .null,
                .text(try JSONColumn.encode(volume.options)), .text(try JSONColumn.encode(volume.brickSets)),
            ]
        },
        read: { row throws(StoreError) in
            Volume(
                id: try row.identifier(), name: try row.text(), cluster: try row.identifier(), size: try row.bytes(),
                durability: try row.json(Durability.self), snapshot: try row.json(SnapshotSettings.self),
                gid: try row.optionalInteger(), options: try row.json([VolumeOption].self),
                brickSets: try row.json([[BrickID]].self))
        })

    static let operations = TableMapping<OperationRecord>(
        table: "operations", kind: "operation",
        columns: ["id", "type", "status", "intent", "result", "created_at", "updated_at", "finished_at"],
        hasPending: false,
        values: { record in
            [
                .text(record.id.description), .text(record.type.rawValue), .text(record.status.rawValue),
                .text(record.intent), record.result.map { .text($0) } ?? .null, .integer(record.createdAt.seconds),
                .integer(record.updatedAt.seconds), record.finishedAt.map { .integer($0.seconds) } ?? .null,
            ]
        },
        read: { row throws(StoreError) in
            OperationRecord(
                id: try row.identifier(), type: OperationType(rawValue: try row.text()),
                status: try row.rawValue(OperationStatus.self), intent: try row.text(), result: try row.optionalText(),
                createdAt: try row.time(), updatedAt: try row.time(), finishedAt: try row.optionalTime())
        })

    /// Keyed by (operation, step); only inserted and selected through this mapping, updated by hand.
    static let journal = TableMapping<JournalEntry>(
        table: "journal", kind: "journal step",
        columns: ["operation_id", "step", "action", "state", "detail", "updated_at"],
        hasPending: false,
        values: { entry in
            [
                .text(entry.operation.description), .integer(Int64(entry.step)), .text(entry.action),
                .text(entry.state.rawValue), entry.detail.map { .text($0) } ?? .null, .integer(entry.updatedAt.seconds),
            ]
        },
        read: { row throws(StoreError) in
            JournalEntry(
                operation: try row.identifier(), step: try row.int(), action: try row.text(),
                state: try row.rawValue(JournalState.self), detail: try row.optionalText(), updatedAt: try row.time())
        })
}

extension SQLiteValue {
    /// SQLite has no boolean class; the schema checks these columns hold 0 or 1.
    static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }
}
