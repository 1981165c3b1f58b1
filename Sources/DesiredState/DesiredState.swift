public import StorageModel

/// What the documents in a desired-state directory ask for: the topology (Heketi's `topology.json` shape) and
/// volume claims. Every value is validated; each remembers where it was written.
public struct DesiredState: Hashable, Sendable {
    public var clusters: [DesiredCluster] = []
    public var claims: [VolumeClaim] = []

    public init(clusters: [DesiredCluster] = [], claims: [VolumeClaim] = []) {
        self.clusters = clusters
        self.claims = claims
    }
}

/// A cluster of the topology: its nodes. Clusters have no names in Heketi's format; a desired cluster is the
/// stored cluster that holds any of its nodes.
public struct DesiredCluster: Hashable, Sendable {
    public var nodes: [DesiredNode]
    public var location: SourceLocation

    public init(nodes: [DesiredNode], location: SourceLocation) {
        self.nodes = nodes
        self.location = location
    }
}

public struct DesiredNode: Hashable, Sendable {
    public var manageHostname: String
    public var storageHostname: String
    public var zone: Int
    public var tags: Tags
    public var devices: [DesiredDevice]
    public var location: SourceLocation

    public init(
        manageHostname: String, storageHostname: String, zone: Int, tags: Tags = [:], devices: [DesiredDevice] = [],
        location: SourceLocation
    ) {
        self.manageHostname = manageHostname
        self.storageHostname = storageHostname
        self.zone = zone
        self.tags = tags
        self.devices = devices
        self.location = location
    }
}

public struct DesiredDevice: Hashable, Sendable {
    public var name: String
    public var destroyData: Bool
    public var tags: Tags
    public var location: SourceLocation

    public init(name: String, destroyData: Bool = false, tags: Tags = [:], location: SourceLocation) {
        self.name = name
        self.destroyData = destroyData
        self.tags = tags
        self.location = location
    }
}

/// A volume someone wants: by name, with its size and shape. What happens when the claim is removed from the
/// documents is its `deletionPolicy`: `retain` (the default) keeps the volume unless the apply prunes.
public struct VolumeClaim: Hashable, Sendable {
    public enum DeletionPolicy: String, Hashable, Sendable, CaseIterable {
        case retain
        case delete
    }

    public var name: String
    public var size: ByteCount
    public var durability: Durability
    public var snapshot: SnapshotSettings
    public var gid: Int64?
    public var options: [VolumeOption]
    public var cluster: ClusterID?
    public var deletionPolicy: DeletionPolicy
    public var location: SourceLocation

    public init(
        name: String, size: ByteCount, durability: Durability, snapshot: SnapshotSettings = .disabled,
        gid: Int64? = nil, options: [VolumeOption] = [], cluster: ClusterID? = nil,
        deletionPolicy: DeletionPolicy = .retain, location: SourceLocation
    ) {
        self.name = name
        self.size = size
        self.durability = durability
        self.snapshot = snapshot
        self.gid = gid
        self.options = options
        self.cluster = cluster
        self.deletionPolicy = deletionPolicy
        self.location = location
    }
}
