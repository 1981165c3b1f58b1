import StorageModel
import StoreRecords

/// Explains a constraint SQLite refused in terms of the change that broke it: the pure half of error mapping.
///
/// SQLite's messages name columns ("UNIQUE constraint failed: nodes.manage_hostname") but not values, and foreign
/// key failures name nothing at all. The change that failed knows the values; this type pairs the two, and lists
/// the rows whose presence or absence the I/O half checks to name a missing parent or a remaining child.
enum ConstraintFailure {
    /// Extended result codes the mapping tells apart (`SQLITE_CONSTRAINT_*`).
    enum Code {
        static let check: Int32 = 275
        static let foreignKey: Int32 = 787
        static let notNull: Int32 = 1299
        static let primaryKey: Int32 = 1555
        static let trigger: Int32 = 1811
        static let unique: Int32 = 2067
    }

    /// SQLite's message for every foreign key failure, immediate or RESTRICT.
    static let foreignKeyMessage = "FOREIGN KEY constraint failed"

    /// A row the change refers to: `kind` and `id` for the error, `sql` to test that the row exists.
    struct Reference: Hashable {
        let kind: String
        let id: String
        let sql: String
    }

    /// A table whose rows may still point at an entry being deleted.
    struct Dependent: Hashable {
        let table: String
        let column: String

        init(_ table: String, _ column: String) {
            self.table = table
            self.column = column
        }
    }

    /// The constrained columns from a uniqueness message, e.g. `devices.node_id, devices.name`.
    static func columns(in message: String) -> String? {
        let prefix = "UNIQUE constraint failed: "
        guard message.hasPrefix(prefix) else { return nil }
        return String(message.dropFirst(prefix.count))
    }

    /// The field and value that collided, named as in Heketi's JSON with the entry kind in front.
    static func conflict(columns: String, change: StoreChange) -> StoreError {
        switch change {
        case .insertCluster(let cluster), .updateCluster(let cluster):
            return .conflict(field: "cluster.id", value: cluster.id.description)
        case .insertNode(let node, _), .updateNode(let node):
            switch columns {
            case "nodes.manage_hostname": return .conflict(field: "node.hostnames.manage", value: node.manageHostname)
            case "nodes.storage_hostname":
                return .conflict(field: "node.hostnames.storage", value: node.storageHostname)
            default: return .conflict(field: "node.id", value: node.id.description)
            }
        case .insertDevice(let device, _), .updateDevice(let device):
            if columns == "devices.node_id, devices.name" {
                return .conflict(field: "device.name", value: device.name)
            }
            return .conflict(field: "device.id", value: device.id.description)
        case .insertBrick(let brick, _), .updateBrick(let brick):
            return .conflict(field: "brick.id", value: brick.id.description)
        case .insertVolume(let volume, _), .updateVolume(let volume):
            if columns == "volumes.cluster_id, volumes.name" {
                return .conflict(field: "volume.name", value: volume.name)
            }
            return .conflict(field: "volume.id", value: volume.id.description)
        case .insertOperation(let record):
            return .conflict(field: "operation.id", value: record.id.description)
        case .appendJournal(let entry):
            return .conflict(field: "journal.step", value: "\(entry.operation)/\(entry.step)")
        default:
            return .conflict(field: columns, value: "")
        }
    }

    /// The rows a change points at; on a foreign key failure the first missing one is reported as not found.
    static func references(of change: StoreChange) -> [Reference] {
        switch change {
        case .insertNode(let node, let pending):
            return [Self.reference(Tables.clusters, node.cluster)] + Self.operation(pending)
        case .updateNode(let node):
            return [Self.reference(Tables.clusters, node.cluster)]
        case .insertDevice(let device, let pending):
            return [Self.reference(Tables.nodes, device.node)] + Self.operation(pending)
        case .updateDevice(let device):
            return [Self.reference(Tables.nodes, device.node)]
        case .insertBrick(let brick, let pending):
            return Self.parents(of: brick) + Self.operation(pending)
        case .updateBrick(let brick):
            return Self.parents(of: brick)
        case .insertVolume(let volume, let pending):
            return [Self.reference(Tables.clusters, volume.cluster)] + Self.operation(pending)
        case .updateVolume(let volume):
            return [Self.reference(Tables.clusters, volume.cluster)]
        case .markPending(_, let operation):
            return Self.operation(operation)
        case .appendJournal(let entry):
            return Self.operation(entry.operation)
        default:
            return []
        }
    }

    /// The entry a delete removes and the tables that may still refer to it.
    static func dependents(of change: StoreChange) -> (kind: String, id: String, tables: [Dependent])? {
        switch change {
        case .deleteCluster(let id):
            return ("cluster", id.description, [Dependent("nodes", "cluster_id"), Dependent("volumes", "cluster_id")])
        case .deleteNode(let id):
            return ("node", id.description, [Dependent("devices", "node_id"), Dependent("bricks", "node_id")])
        case .deleteDevice(let id):
            return ("device", id.description, [Dependent("bricks", "device_id")])
        case .deleteVolume(let id):
            return ("volume", id.description, [Dependent("bricks", "volume_id")])
        default:
            return nil
        }
    }

    private static func parents(of brick: Brick) -> [Reference] {
        [
            Self.reference(Tables.volumes, brick.volume), Self.reference(Tables.devices, brick.device),
            Self.reference(Tables.nodes, brick.node),
        ]
    }

    private static func operation(_ id: OperationID?) -> [Reference] {
        id.map { [Self.reference(Tables.operations, $0)] } ?? []
    }

    private static func reference<Value>(_ mapping: TableMapping<Value>, _ id: some CustomStringConvertible)
        -> Reference
    {
        Reference(kind: mapping.kind, id: id.description, sql: mapping.exists)
    }
}
