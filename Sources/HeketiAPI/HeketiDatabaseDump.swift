public import StorageModel

/// The store in the format `heketi db export` writes and `heketi db import` reads (`GET /db/dump`), so Heketi's
/// tooling reads Brickyard's state and `brickyard import-heketi` reads it back.
///
/// Heketi's units and names throughout: volume sizes in GiB, device and brick sizes in KiB, each entry under
/// `Info` with its state and child lists beside it. One field is Brickyard's own, `BrickSets` on a volume: Heketi
/// keeps a volume's bricks as one list, so which bricks form a replica set is known only to Gluster; the sets let
/// an import restore them exactly (Heketi's own JSON reader ignores fields it does not know).
public struct HeketiDatabaseDump: Encodable, Sendable {
    /// What the store holds beyond the topology: which entries unfinished operations mark, and those operations.
    public struct Pending: Sendable {
        public var markers: [String: String]
        public var operations: [Operation]

        public struct Operation: Sendable {
            public var id: String
            /// Brickyard's dotted type (`volume.create`).
            public var type: String
            public var createdAt: Int64
            /// The entries the operation marks (their ids).
            public var entries: [String]

            public init(id: String, type: String, createdAt: Int64, entries: [String]) {
                self.id = id
                self.type = type
                self.createdAt = createdAt
                self.entries = entries
            }
        }

        public init(markers: [String: String] = [:], operations: [Operation] = []) {
            self.markers = markers
            self.operations = operations
        }
    }

    var clusterentries: [String: ClusterEntry] = [:]
    var nodeentries: [String: NodeEntry] = [:]
    var deviceentries: [String: DeviceEntry] = [:]
    var brickentries: [String: BrickEntry] = [:]
    var volumeentries: [String: VolumeEntry] = [:]
    var blockvolumeentries: [String: String] = [:]
    var dbattributeentries: [String: Attribute] = [:]
    var pendingoperations: [String: PendingOperation] = [:]

    /// Everything `topology` holds (pending entries included, marked as Heketi marks them).
    public init(topology: Topology, pending: Pending = Pending()) {
        func marker(_ id: String) -> PendingMarker { PendingMarker(id: pending.markers[id] ?? "") }
        for cluster in topology.clusters.values {
            let id = cluster.id.description
            self.clusterentries[id] = ClusterEntry(
                info: ClusterInfo(
                    id: id, nodes: topology.nodeIDs(in: cluster.id).map(\.description).sorted(),
                    volumes: topology.volumes(in: cluster.id).map(\.id.description).sorted(),
                    block: cluster.allowsBlockVolumes, file: cluster.allowsFileVolumes, blockvolumes: []))
        }
        for node in topology.nodes.values {
            let id = node.id.description
            self.nodeentries[id] = NodeEntry(
                state: node.state.rawValue,
                info: NodeInfo(
                    zone: node.zone,
                    hostnames: HostnamesMessage(manage: [node.manageHostname], storage: [node.storageHostname]),
                    cluster: node.cluster.description, tags: node.tags.message, id: id),
                devices: topology.devices(on: node.id).map(\.id.description).sorted())
        }
        for device in topology.devices.values {
            let id = device.id.description
            self.deviceentries[id] = DeviceEntry(
                state: device.state.rawValue,
                info: DeviceInfo(
                    name: device.name, tags: device.tags.message, storage: StorageMessage(device: device), id: id),
                bricks: topology.bricks(on: device.id).map(\.id.description).sorted(),
                nodeId: device.node.description, extentSize: Self.extentKiB)
        }
        for brick in topology.bricks.values {
            let id = brick.id.description
            let factor = topology.volumes[brick.volume]?.snapshot.effectiveFactor ?? 1
            let space = Self.split(brick, snapshotFactor: factor)
            let lvm = topology.devices[brick.device]?.backend != .directory
            self.brickentries[id] = BrickEntry(
                info: BrickInfoMessage(brick: brick), tpSize: space.pool, poolMetadataSize: space.metadata,
                pending: marker(id), lvmThinPool: lvm ? BrickLocation.LVM.thinPool(of: brick.id) : "", lvmLv: "",
                subType: brick.role == .arbiter ? 2 : 1)
        }
        for volume in topology.volumes.values {
            let id = volume.id.description
            let info = VolumeInfoResponse(volume: volume, in: topology)
            self.volumeentries[id] = VolumeEntry(
                info: VolumeEntryInfo(
                    size: info.size, name: info.name, durability: info.durability, gid: volume.gid ?? 0,
                    snapshot: info.snapshot, id: id, cluster: info.cluster, mount: info.mount,
                    blockinfo: BlockInfoMessage()),
                bricks: volume.brickSets.joined().map(\.description).sorted(),
                glusterVolumeOptions: info.glustervolumeoptions, pending: marker(id),
                brickSets: volume.brickSets.map { $0.map(\.description) })
        }
        for (key, value) in [
            ("DB_BRICK_HAS_SUBTYPE_FIELD", "yes"), ("DB_CLUSTER_HAS_FILE_BLOCK_FLAG", "yes"),
            ("DB_DEVICE_HAS_ID_META", "yes"), ("DB_HAS_PENDING_OPS_BUCKET", "yes"),
            ("DB_GENERATION_ID", Self.generation(of: topology)),
        ] {
            self.dbattributeentries[key] = Attribute(key: key, value: value)
        }
        for operation in pending.operations {
            self.pendingoperations[operation.id] = PendingOperation(
                id: operation.id, timestamp: operation.createdAt, type: Self.heketiType(operation.type),
                actions: operation.entries.sorted().map { PendingAction(change: 0, id: $0, delta: 0) }, status: 0)
        }
    }

    /// LVM's extent, which Heketi records per device, in KiB.
    static let extentKiB: Int64 = 4096

    /// A brick's reservation as Heketi splits it, thin pool and pool metadata (KiB), adding up to exactly what the
    /// brick reserves, so an import accounts the device as it was. Directory bricks reserve their size and no pool.
    static func split(_ brick: Brick, snapshotFactor: Double) -> (pool: Int64, metadata: Int64) {
        let pool = brick.size.scaled(by: snapshotFactor).roundedUp(toMultipleOf: .kibibytes(Self.extentKiB))
        let metadata = brick.reserved - pool
        guard metadata >= .zero, metadata <= pool else { return (brick.reserved.kibibytes, 0) }
        return (pool.kibibytes, metadata.kibibytes)
    }

    /// Heketi's numbering of the operations it can resume (`PendingOperationType`); 0 is unknown to Heketi.
    static func heketiType(_ type: String) -> Int {
        switch type {
        case "volume.create": 1
        case "volume.delete": 2
        case "volume.expand": 3
        default: 0
        }
    }

    /// Heketi gives each database a random generation; a dump's is derived from its clusters, so the same store
    /// always dumps the same bytes.
    static func generation(of topology: Topology) -> String {
        var high: UInt64 = 0x9e37_79b9_7f4a_7c15
        var low: UInt64 = 0
        for id in topology.clusters.keys.sorted() {
            high = (high ^ id.high) &* 0x0000_0100_0000_01b3
            low = (low ^ id.low) &* 0x0000_0100_0000_01b3
        }
        return ClusterID(high: high, low: low).description
    }

    struct ClusterEntry: Encodable {
        var info: ClusterInfo
        enum CodingKeys: String, CodingKey { case info = "Info" }
    }

    struct ClusterInfo: Encodable {
        var id: String
        var nodes: [String]
        var volumes: [String]
        var block: Bool
        var file: Bool
        var blockvolumes: [String]
    }

    struct NodeEntry: Encodable {
        var state: String
        var info: NodeInfo
        var devices: [String]
        enum CodingKeys: String, CodingKey { case state = "State", info = "Info", devices = "Devices" }
    }

    struct NodeInfo: Encodable {
        var zone: Int
        var hostnames: HostnamesMessage
        var cluster: String
        var tags: [String: String]?
        var id: String
    }

    struct DeviceEntry: Encodable {
        var state: String
        var info: DeviceInfo
        var bricks: [String]
        var nodeId: String
        var extentSize: Int64
        enum CodingKeys: String, CodingKey {
            case state = "State", info = "Info", bricks = "Bricks", nodeId = "NodeId", extentSize = "ExtentSize"
        }
    }

    struct DeviceInfo: Encodable {
        var name: String
        var tags: [String: String]?
        var storage: StorageMessage
        var id: String
    }

    struct PendingMarker: Encodable {
        var id: String
        enum CodingKeys: String, CodingKey { case id = "Id" }
    }

    struct BrickEntry: Encodable {
        var info: BrickInfoMessage
        var tpSize: Int64
        var poolMetadataSize: Int64
        var pending: PendingMarker
        var lvmThinPool: String
        var lvmLv: String
        var subType: Int
        enum CodingKeys: String, CodingKey {
            case info = "Info", tpSize = "TpSize", poolMetadataSize = "PoolMetadataSize", pending = "Pending",
                lvmThinPool = "LvmThinPool", lvmLv = "LvmLv", subType = "SubType"
        }
    }

    struct VolumeEntryInfo: Encodable {
        var size: Int64
        var name: String
        var durability: DurabilityMessage
        var gid: Int64
        var snapshot: SnapshotMessage
        var id: String
        var cluster: String
        var mount: MountMessage
        var blockinfo: BlockInfoMessage
    }

    struct VolumeEntry: Encodable {
        var info: VolumeEntryInfo
        var bricks: [String]
        var glusterVolumeOptions: [String]
        var pending: PendingMarker
        var brickSets: [[String]]
        enum CodingKeys: String, CodingKey {
            case info = "Info", bricks = "Bricks", glusterVolumeOptions = "GlusterVolumeOptions", pending = "Pending",
                brickSets = "BrickSets"
        }
    }

    struct Attribute: Encodable {
        var key: String
        var value: String
        enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }
    }

    struct PendingOperation: Encodable {
        var id: String
        var timestamp: Int64
        var type: Int
        var actions: [PendingAction]
        var status: Int
        enum CodingKeys: String, CodingKey {
            case id = "Id", timestamp = "Timestamp", type = "Type", actions = "Actions", status = "Status"
        }
    }

    struct PendingAction: Encodable {
        var change: Int
        var id: String
        var delta: Int
        enum CodingKeys: String, CodingKey { case change = "Change", id = "Id", delta = "Delta" }
    }
}
