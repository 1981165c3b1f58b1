/// The JSON that `heketi db export` writes, field for field as Heketi names them.
///
/// Every field is optional so that a missing one is reported by the converter with the entry it belongs to,
/// rather than by the decoder with a coding path. Sizes are Heketi's: volumes in GiB, devices and bricks in KiB.
struct HeketiExport: Decodable {
    var clusterentries: [String: ClusterEntry]?
    var nodeentries: [String: NodeEntry]?
    var deviceentries: [String: DeviceEntry]?
    var volumeentries: [String: VolumeEntry]?
    var brickentries: [String: BrickEntry]?
    var blockvolumeentries: [String: AnyValue]?
    var pendingoperations: [String: AnyValue]?

    struct ClusterEntry: Decodable {
        var info: ClusterInfo?

        private enum CodingKeys: String, CodingKey {
            case info = "Info"
        }
    }

    struct ClusterInfo: Decodable {
        var id: String?
        var nodes: [String]?
        var volumes: [String]?
        var block: Bool?
        var file: Bool?
    }

    struct NodeEntry: Decodable {
        var state: String?
        var info: NodeInfo?
        var devices: [String]?

        private enum CodingKeys: String, CodingKey {
            case state = "State", info = "Info", devices = "Devices"
        }
    }

    struct NodeInfo: Decodable {
        var id: String?
        var cluster: String?
        var zone: Int?
        var hostnames: Hostnames?
        var tags: [String: String]?
    }

    struct Hostnames: Decodable {
        var manage: [String]?
        var storage: [String]?
    }

    struct DeviceEntry: Decodable {
        var state: String?
        var info: DeviceInfo?
        var bricks: [String]?
        var nodeId: String?

        private enum CodingKeys: String, CodingKey {
            case state = "State", info = "Info", bricks = "Bricks", nodeId = "NodeId"
        }
    }

    struct DeviceInfo: Decodable {
        var id: String?
        var name: String?
        var tags: [String: String]?
        var storage: Storage?
    }

    /// Device capacity in KiB.
    struct Storage: Decodable {
        var total: Int64?
        var free: Int64?
        var used: Int64?
    }

    struct VolumeEntry: Decodable {
        var info: VolumeInfo?
        var bricks: [String]?
        var glusterVolumeOptions: [String]?
        var pending: PendingItem?
        /// Brickyard's dumps only: the bricks in Gluster's set order, which Heketi's format does not keep.
        var brickSets: [[String]]?

        private enum CodingKeys: String, CodingKey {
            case info = "Info", bricks = "Bricks", glusterVolumeOptions = "GlusterVolumeOptions", pending = "Pending",
                brickSets = "BrickSets"
        }
    }

    struct VolumeInfo: Decodable {
        var id: String?
        var name: String?
        var cluster: String?
        /// GiB.
        var size: Int64?
        var durability: DurabilityInfo?
        var gid: Int64?
        var snapshot: SnapshotInfo?
        var mount: Mount?
        var block: Bool?
    }

    struct DurabilityInfo: Decodable {
        var type: String?
        var replicate: Replicate?
        var disperse: Disperse?
    }

    struct Replicate: Decodable {
        var replica: Int?
    }

    struct Disperse: Decodable {
        var data: Int?
        var redundancy: Int?
    }

    struct SnapshotInfo: Decodable {
        var enable: Bool?
        var factor: Double?
    }

    struct Mount: Decodable {
        var glusterfs: GlusterMount?
    }

    struct GlusterMount: Decodable {
        var hosts: [String]?
    }

    struct BrickEntry: Decodable {
        var info: BrickInfo?
        /// The thin pool, KiB.
        var tpSize: Int64?
        /// The pool's metadata LV, KiB.
        var poolMetadataSize: Int64?
        var pending: PendingItem?
        /// 0 unknown (exports from before Heketi recorded it), 1 data, 2 arbiter.
        var subType: Int?

        private enum CodingKeys: String, CodingKey {
            case info = "Info", tpSize = "TpSize", poolMetadataSize = "PoolMetadataSize", pending = "Pending", subType =
                "SubType"
        }
    }

    struct BrickInfo: Decodable {
        var id: String?
        var path: String?
        var device: String?
        var node: String?
        var volume: String?
        /// KiB.
        var size: Int64?
    }

    /// Heketi marks entries an unfinished operation created or is changing.
    struct PendingItem: Decodable {
        var id: String?

        private enum CodingKeys: String, CodingKey {
            case id = "Id"
        }
    }

    /// Any JSON value, decoded only to be counted.
    struct AnyValue: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}
