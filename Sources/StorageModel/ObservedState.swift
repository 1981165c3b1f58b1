/// What the nodes actually hold, gathered through the executor: the input the reconciler diffs desired state
/// against, and what `brickyard observe` prints. Sizes are bytes. Everything is sorted, so two observations of an
/// unchanged cluster are equal.
public struct ObservedState: Codable, Hashable, Sendable {
    public var nodes: [Node]
    public var volumes: [Volume]
    /// The nodes whose glusterd answered for the volumes (one per trusted pool, comma-separated), nil when some
    /// pool did not answer.
    public var volumesFrom: String?

    public struct Node: Codable, Hashable, Sendable {
        public var host: String
        /// Problems met while looking at this node (unreachable, a tool missing), one line each.
        public var errors: [String] = []
        /// The pool as this node's glusterd sees it (other members only).
        public var peers: [Peer] = []
        public var physicalVolumes: [PhysicalVolume] = []
        public var volumeGroups: [VolumeGroup] = []
        public var logicalVolumes: [LogicalVolume] = []
        /// Brick filesystems mounted under the mount root (LVM bricks).
        public var brickMounts: [String] = []
        /// `brick_*` directories on the node's directory devices.
        public var brickDirectories: [String] = []
        /// The filesystems of the node's directory devices that are mount points, by device path.
        public var directoryFilesystems: [Filesystem] = []
        /// This node's glusterd UUID, as its peers or its bricks name it (nil when none does).
        public var uuid: String?

        public init(host: String) {
            self.host = host
        }
    }

    public struct Peer: Codable, Hashable, Sendable {
        public var uuid: String
        public var hostname: String
        public var connected: Bool
        public var state: String

        public init(uuid: String, hostname: String, connected: Bool, state: String) {
            self.uuid = uuid
            self.hostname = hostname
            self.connected = connected
            self.state = state
        }
    }

    public struct PhysicalVolume: Codable, Hashable, Sendable {
        public var name: String
        public var volumeGroup: String
        public var size: Int64
        public var free: Int64

        public init(name: String, volumeGroup: String, size: Int64, free: Int64) {
            self.name = name
            self.volumeGroup = volumeGroup
            self.size = size
            self.free = free
        }
    }

    public struct VolumeGroup: Codable, Hashable, Sendable {
        public var name: String
        public var size: Int64
        public var free: Int64

        public init(name: String, size: Int64, free: Int64) {
            self.name = name
            self.size = size
            self.free = free
        }
    }

    /// A directory device's filesystem as `stat -f` reports it: its whole size (what device set-up records), and
    /// what is still free.
    public struct Filesystem: Codable, Hashable, Sendable {
        /// The device path, as the store names the device.
        public var path: String
        public var size: Int64
        public var free: Int64

        public init(path: String, size: Int64, free: Int64) {
            self.path = path
            self.size = size
            self.free = free
        }
    }

    public struct LogicalVolume: Codable, Hashable, Sendable {
        public var name: String
        public var volumeGroup: String
        public var size: Int64
        public var pool: String

        public init(name: String, volumeGroup: String, size: Int64, pool: String) {
            self.name = name
            self.volumeGroup = volumeGroup
            self.size = size
            self.pool = pool
        }
    }

    public struct Volume: Codable, Hashable, Sendable {
        public var name: String
        public var id: String
        /// `created`, `started` or `stopped`.
        public var status: String
        public var type: String
        public var bricks: [Brick]
        public var options: [String: String]
        /// The Brickyard (or Heketi) volume id from the `user.heketi.id` option, nil for a volume made by hand.
        public var heketiID: String?
        /// The shape in Brickyard's terms (from the replica, arbiter and disperse counts), nil for one Brickyard
        /// cannot make. The bricks are listed in set order, so consecutive runs of `setSize` bricks form the sets.
        public var durability: Durability?

        public init(
            name: String, id: String, status: String, type: String, bricks: [Brick], options: [String: String],
            heketiID: String?, durability: Durability? = nil
        ) {
            self.durability = durability
            self.name = name
            self.id = id
            self.status = status
            self.type = type
            self.bricks = bricks
            self.options = options
            self.heketiID = heketiID
        }
    }

    public struct Brick: Codable, Hashable, Sendable {
        public var address: String
        /// From `volume status`; nil when the volume is not started.
        public var online: Bool?
        public var port: Int?
        /// The UUID of the glusterd that serves the brick.
        public var hostUUID: String?
        public var isArbiter: Bool

        public init(address: String, online: Bool?, port: Int?, hostUUID: String? = nil, isArbiter: Bool = false) {
            self.hostUUID = hostUUID
            self.isArbiter = isArbiter
            self.address = address
            self.online = online
            self.port = port
        }
    }

    public init(nodes: [Node] = [], volumes: [Volume] = [], volumesFrom: String? = nil) {
        self.nodes = nodes
        self.volumes = volumes
        self.volumesFrom = volumesFrom
    }
}
