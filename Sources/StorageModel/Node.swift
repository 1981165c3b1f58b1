/// A Gluster server: a member of one cluster, in one failure zone.
public struct Node: Hashable, Sendable, Codable {
    public var id: NodeID
    public var cluster: ClusterID
    /// The failure domain (rack, room, availability zone); 1 or more.
    public var zone: Int
    /// Where Brickyard runs commands (ssh host, pod selector, or local).
    public var manageHostname: String
    /// Where clients and peers reach the node's bricks.
    public var storageHostname: String
    public var tags: Tags
    public var state: OperationalState

    public init(
        id: NodeID, cluster: ClusterID, zone: Int, manageHostname: String, storageHostname: String,
        tags: Tags = [:], state: OperationalState = .online
    ) {
        self.id = id
        self.cluster = cluster
        self.zone = zone
        self.manageHostname = manageHostname
        self.storageHostname = storageHostname
        self.tags = tags
        self.state = state
    }

    /// Checks the rules Heketi enforces on a node: zone >= 1 and valid hostnames.
    public func validate() throws(ValidationError) {
        try Self.validate(zone: self.zone)
        try Hostname.validate(self.manageHostname, field: "hostnames.manage")
        try Hostname.validate(self.storageHostname, field: "hostnames.storage")
        try Tags.validate(self.tags.values, field: "tags")
    }

    public static func validate(zone: Int) throws(ValidationError) {
        guard zone >= 1 else { throw ValidationError(field: "zone", value: String(zone), problem: .belowMinimum("1")) }
    }
}
