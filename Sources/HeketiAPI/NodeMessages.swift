/// A node's addresses: Heketi takes lists but supports exactly one name in each.
public struct HostnamesMessage: Codable, Hashable, Sendable {
    public var manage: [String]
    public var storage: [String]

    public init(manage: [String], storage: [String]) {
        self.manage = manage
        self.storage = storage
    }
}

/// `POST /nodes`.
public struct NodeAddRequest: Codable, Hashable, Sendable {
    public var zone: Int
    public var hostnames: HostnamesMessage
    public var cluster: String
    public var tags: [String: String]?

    public init(zone: Int, hostnames: HostnamesMessage, cluster: String, tags: [String: String]? = nil) {
        self.zone = zone
        self.hostnames = hostnames
        self.cluster = cluster
        self.tags = tags
    }
}

/// `GET /nodes/{id}`: the node with its devices and their bricks.
public struct NodeInfoResponse: Codable, Hashable, Sendable {
    public var zone: Int
    public var hostnames: HostnamesMessage
    public var cluster: String
    public var id: String
    public var state: String
    public var devices: [DeviceInfoResponse]
    public var tags: [String: String]?

    public init(
        zone: Int, hostnames: HostnamesMessage, cluster: String, id: String, state: String,
        devices: [DeviceInfoResponse], tags: [String: String]?
    ) {
        self.zone = zone
        self.hostnames = hostnames
        self.cluster = cluster
        self.id = id
        self.state = state
        self.devices = devices
        self.tags = tags
    }
}

/// `POST /nodes/{id}/state` and `POST /devices/{id}/state`.
public struct StateRequest: Codable, Hashable, Sendable {
    public var state: String

    public init(state: String) {
        self.state = state
    }
}

/// `POST /nodes/{id}/tags` and `POST /devices/{id}/tags`.
public struct TagsChangeRequest: Codable, Hashable, Sendable {
    public var changeType: String
    public var tags: [String: String]

    enum CodingKeys: String, CodingKey {
        case changeType = "change_type"
        case tags
    }

    public init(changeType: String, tags: [String: String]) {
        self.changeType = changeType
        self.tags = tags
    }
}

/// The answer to a tag change: the resulting map.
public struct TagsResponse: Codable, Hashable, Sendable {
    public var tags: [String: String]

    public init(tags: [String: String]) {
        self.tags = tags
    }
}
