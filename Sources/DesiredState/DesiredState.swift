public import StorageModel

/// What the documents in a desired-state directory ask for: the topology (Heketi's `topology.json` shape) and
/// volume claims. Every value is validated; each remembers where it was written.
public struct DesiredState: Hashable, Sendable {
    public var clusters: [DesiredCluster] = []
    public var claims: [VolumeClaim] = []
    /// `GlusterNode`s read but not yet placed in the cluster their `clusterName` names; `DesiredStateParser.merge`
    /// moves each into its `DesiredCluster` (and refuses a name no cluster has), so a merged state has none.
    public var ungroupedNodes: [DesiredNode] = []
    /// The kind of source that asks for this state: the first part of each claim's reference.
    public var source: String
    /// Which read of its source this is, counting from 1 (0: not counted). Two reads with one revision are the
    /// same state, so a reader may keep what it derived from the first (an index of the claims) for the second.
    public var revision: UInt64 = 0
    /// Claims on their way out: gone from `claims`, but their source holds their objects back (a Kubernetes
    /// finalizer) until it hears, through `forget`, that the volume was deleted (deletionPolicy Delete) or released
    /// (Retain). Their keys are reconciled even when nothing else names them.
    public var departing: Set<ClaimReference> = []

    public init(
        clusters: [DesiredCluster] = [], claims: [VolumeClaim] = [], source: String = ClaimReference.directory,
        ungroupedNodes: [DesiredNode] = []
    ) {
        self.clusters = clusters
        self.claims = claims
        self.source = source
        self.ungroupedNodes = ungroupedNodes
    }

    /// The reference of one of this state's claims.
    public func reference(of claim: VolumeClaim) -> ClaimReference {
        ClaimReference(source: self.source, namespace: claim.namespace, name: claim.name)
    }
}

/// A cluster of the topology: its nodes. Clusters have no names in Heketi's format; a desired cluster is the
/// stored cluster that holds any of its nodes. A `GlusterCluster` has a name (which claims and nodes refer to) and
/// settings.
public struct DesiredCluster: Hashable, Sendable {
    /// The `GlusterCluster`'s `metadata.name`; nil for a cluster of a Heketi topology.
    public var name: String?
    public var settings: DesiredClusterSettings
    public var nodes: [DesiredNode]
    public var location: SourceLocation

    public init(
        nodes: [DesiredNode], location: SourceLocation, name: String? = nil,
        settings: DesiredClusterSettings = DesiredClusterSettings()
    ) {
        self.name = name
        self.settings = settings
        self.nodes = nodes
        self.location = location
    }
}

public struct DesiredNode: Hashable, Sendable {
    /// The `GlusterNode`'s `metadata.name`; nil for a node of a Heketi topology.
    public var name: String?
    /// The `GlusterCluster` a `GlusterNode` names (`spec.cluster`); nil for a node of a Heketi topology.
    public var clusterName: String?
    public var manageHostname: String
    public var storageHostname: String
    public var zone: Int
    public var tags: Tags
    public var devices: [DesiredDevice]
    public var location: SourceLocation

    public init(
        manageHostname: String, storageHostname: String, zone: Int, tags: Tags = [:], devices: [DesiredDevice] = [],
        location: SourceLocation, name: String? = nil, clusterName: String? = nil
    ) {
        self.name = name
        self.clusterName = clusterName
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
///
/// A claim is known by its source, namespace and name (`ClaimReference`); the Gluster volume it makes is called
/// `volumeName`, the claim's name unless the source says otherwise (a Kubernetes claim names its volume after
/// itself and its namespace, so claims of one name in two namespaces make two volumes).
public struct VolumeClaim: Hashable, Sendable {
    /// Options Brickyard (and Heketi before it) set on every volume it makes: a claim cannot set them, and a claim's
    /// reconcile never resets them.
    public static let ownedOptionPrefixes = ["user.heketi.", "user.brickyard."]

    public enum DeletionPolicy: String, Hashable, Sendable, CaseIterable {
        case retain
        case delete
    }

    public var name: String
    /// The namespace of a source that has them; nil for the documents directory.
    public var namespace: String?
    /// The Gluster volume's name.
    public var volumeName: String
    /// Bumped by the source whenever the claim's wanted state changes (Kubernetes' `metadata.generation`); the
    /// status says which generation it describes.
    public var generation: Int64
    public var size: ByteCount
    public var durability: Durability
    public var snapshot: SnapshotSettings
    public var gid: Int64?
    public var options: [VolumeOption]
    public var cluster: ClusterID?
    /// The desired cluster (a `GlusterCluster`'s name) the volume goes in; the planner resolves it to the stored
    /// cluster that holds that cluster's nodes.
    public var clusterName: String?
    public var deletionPolicy: DeletionPolicy
    public var location: SourceLocation

    public init(
        name: String, size: ByteCount, durability: Durability, snapshot: SnapshotSettings = .disabled,
        gid: Int64? = nil, options: [VolumeOption] = [], cluster: ClusterID? = nil,
        deletionPolicy: DeletionPolicy = .retain, location: SourceLocation, namespace: String? = nil,
        volumeName: String? = nil, generation: Int64 = 1, clusterName: String? = nil
    ) {
        self.clusterName = clusterName
        self.name = name
        self.namespace = namespace
        self.volumeName = volumeName ?? name
        self.generation = generation
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
