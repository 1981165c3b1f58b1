/// `POST /clusters` and `POST /clusters/{id}/flags`: both flags default to true when omitted (Heketi).
public struct ClusterCreateRequest: Codable, Hashable, Sendable {
    public var file: Bool?
    public var block: Bool?

    public init(file: Bool? = nil, block: Bool? = nil) {
        self.file = file
        self.block = block
    }
}

/// `GET /clusters/{id}`.
public struct ClusterInfoResponse: Codable, Hashable, Sendable {
    public var id: String
    public var nodes: [String]
    public var volumes: [String]
    public var block: Bool
    public var file: Bool
    public var blockvolumes: [String]

    public init(id: String, nodes: [String], volumes: [String], block: Bool, file: Bool, blockvolumes: [String] = []) {
        self.id = id
        self.nodes = nodes
        self.volumes = volumes
        self.block = block
        self.file = file
        self.blockvolumes = blockvolumes
    }
}

/// `GET /clusters`.
public struct ClusterListResponse: Codable, Hashable, Sendable {
    public var clusters: [String]

    public init(clusters: [String]) {
        self.clusters = clusters
    }
}
