/// `POST /devices`.
public struct DeviceAddRequest: Codable, Hashable, Sendable {
    public var node: String
    public var name: String
    public var destroydata: Bool?
    public var tags: [String: String]?

    public init(node: String, name: String, destroydata: Bool? = nil, tags: [String: String]? = nil) {
        self.node = node
        self.name = name
        self.destroydata = destroydata
        self.tags = tags
    }
}

/// Device capacity in KiB, as Heketi reports it.
public struct StorageMessage: Codable, Hashable, Sendable {
    public var total: Int64
    public var free: Int64
    public var used: Int64

    public init(total: Int64, free: Int64, used: Int64) {
        self.total = total
        self.free = free
        self.used = used
    }
}

/// A brick as listed under devices and volumes; `size` is in KiB.
public struct BrickInfoMessage: Codable, Hashable, Sendable {
    public var id: String
    public var path: String
    public var device: String
    public var node: String
    public var volume: String
    public var size: Int64

    public init(id: String, path: String, device: String, node: String, volume: String, size: Int64) {
        self.id = id
        self.path = path
        self.device = device
        self.node = node
        self.volume = volume
        self.size = size
    }
}

/// `GET /devices/{id}`.
public struct DeviceInfoResponse: Codable, Hashable, Sendable {
    public var name: String
    public var id: String
    public var state: String
    public var storage: StorageMessage
    public var bricks: [BrickInfoMessage]
    public var tags: [String: String]?
    /// Brickyard's addition (Heketi clients ignore it): `lvm` or `directory`.
    public var backend: String?
    /// Brickyard's addition: false when brick sizes on this device are accounted but not enforced (a directory
    /// device without project quotas).
    public var sizeEnforced: Bool?

    enum CodingKeys: String, CodingKey {
        case name, id, state, storage, bricks, tags, backend
        case sizeEnforced = "size_enforced"
    }

    public init(
        name: String, id: String, state: String, storage: StorageMessage, bricks: [BrickInfoMessage],
        tags: [String: String]?, backend: String? = nil, sizeEnforced: Bool? = nil
    ) {
        self.backend = backend
        self.sizeEnforced = sizeEnforced
        self.name = name
        self.id = id
        self.state = state
        self.storage = storage
        self.bricks = bricks
        self.tags = tags
    }
}
