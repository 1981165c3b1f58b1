/// Heketi's durability block: `type` is `none`, `replicate` or `disperse`; arbiter volumes are
/// `replicate` with the `user.heketi.arbiter true` option.
public struct DurabilityMessage: Codable, Hashable, Sendable {
    public var type: String?
    public var replicate: Replicate?
    public var disperse: Disperse?

    public struct Replicate: Codable, Hashable, Sendable {
        public var replica: Int?

        public init(replica: Int?) {
            self.replica = replica
        }
    }

    public struct Disperse: Codable, Hashable, Sendable {
        public var data: Int?
        public var redundancy: Int?

        public init(data: Int?, redundancy: Int?) {
            self.data = data
            self.redundancy = redundancy
        }
    }

    public init(type: String? = nil, replicate: Replicate? = nil, disperse: Disperse? = nil) {
        self.type = type
        self.replicate = replicate
        self.disperse = disperse
    }
}

/// Snapshot reservation: the thin pool is `factor` times the brick.
public struct SnapshotMessage: Codable, Hashable, Sendable {
    public var enable: Bool?
    public var factor: Double?

    public init(enable: Bool? = nil, factor: Double? = nil) {
        self.enable = enable
        self.factor = factor
    }
}

/// `POST /volumes`; `size` is in GiB.
public struct VolumeCreateRequest: Codable, Hashable, Sendable {
    public var size: Int64
    public var name: String?
    public var durability: DurabilityMessage?
    public var gid: Int64?
    public var glustervolumeoptions: [String]?
    public var snapshot: SnapshotMessage?
    public var clusters: [String]?
    public var block: Bool?

    public init(
        size: Int64, name: String? = nil, durability: DurabilityMessage? = nil, gid: Int64? = nil,
        glustervolumeoptions: [String]? = nil, snapshot: SnapshotMessage? = nil, clusters: [String]? = nil,
        block: Bool? = nil
    ) {
        self.size = size
        self.name = name
        self.durability = durability
        self.gid = gid
        self.glustervolumeoptions = glustervolumeoptions
        self.snapshot = snapshot
        self.clusters = clusters
        self.block = block
    }
}

/// `POST /volumes/{id}/expand`; `expand_size` is in GiB.
public struct VolumeExpandRequest: Codable, Hashable, Sendable {
    public var expandSize: Int64

    enum CodingKeys: String, CodingKey {
        case expandSize = "expand_size"
    }

    public init(expandSize: Int64) {
        self.expandSize = expandSize
    }
}

/// How a client mounts the volume with the native FUSE client.
public struct MountMessage: Codable, Hashable, Sendable {
    public var glusterfs: GlusterFS

    public struct GlusterFS: Codable, Hashable, Sendable {
        /// `<host>:<volume name>`.
        public var device: String
        public var hosts: [String]
        /// `backup-volfile-servers`: the other hosts, comma-separated.
        public var options: [String: String]

        public init(device: String, hosts: [String], options: [String: String]) {
            self.device = device
            self.hosts = hosts
            self.options = options
        }
    }

    public init(glusterfs: GlusterFS) {
        self.glusterfs = glusterfs
    }
}

/// `GET /volumes/{id}`; `size` in GiB, brick sizes in KiB.
public struct VolumeInfoResponse: Codable, Hashable, Sendable {
    public var size: Int64
    public var name: String
    public var durability: DurabilityMessage
    public var gid: Int64?
    public var glustervolumeoptions: [String]
    public var snapshot: SnapshotMessage
    public var id: String
    public var cluster: String
    public var mount: MountMessage
    public var bricks: [BrickInfoMessage]
    /// Heketi's block-hosting details; always empty, since Brickyard hosts no block volumes.
    public var blockinfo: BlockInfoMessage?

    public init(
        size: Int64, name: String, durability: DurabilityMessage, gid: Int64?, glustervolumeoptions: [String],
        snapshot: SnapshotMessage, id: String, cluster: String, mount: MountMessage, bricks: [BrickInfoMessage],
        blockinfo: BlockInfoMessage? = BlockInfoMessage()
    ) {
        self.blockinfo = blockinfo
        self.size = size
        self.name = name
        self.durability = durability
        self.gid = gid
        self.glustervolumeoptions = glustervolumeoptions
        self.snapshot = snapshot
        self.id = id
        self.cluster = cluster
        self.mount = mount
        self.bricks = bricks
    }
}

/// Heketi's `blockinfo` object of a volume: which block volumes it hosts. Brickyard's volumes host none, so it is
/// always `{}` (every field of Heketi's is omitted when empty).
public struct BlockInfoMessage: Codable, Hashable, Sendable {
    public init() {}
}

/// `GET /volumes`.
public struct VolumeListResponse: Codable, Hashable, Sendable {
    public var volumes: [String]

    public init(volumes: [String]) {
        self.volumes = volumes
    }
}
