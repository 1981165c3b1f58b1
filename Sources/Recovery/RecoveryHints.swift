public import StorageModel

/// What recovery cannot read off the nodes and takes from the operator instead: which hosts to look at and how they
/// group into clusters, their zones, tags and storage hostnames, the devices the documents name, and the gid and
/// snapshot settings of the claims. Nothing here overrides what the nodes hold; it fills in what they cannot say.
public struct RecoveryHints: Hashable, Sendable {
    /// One node to look at.
    public struct Node: Hashable, Sendable {
        public var manageHostname: String
        public var storageHostname: String
        public var zone: Int
        public var tags: Tags
        /// Nodes with the same group form one cluster.
        public var group: Int
        /// Device paths the documents list for the node, with their tags.
        public var devices: [String: Tags]

        public init(
            manageHostname: String, storageHostname: String? = nil, zone: Int = 1, tags: Tags = [:], group: Int = 0,
            devices: [String: Tags] = [:]
        ) {
            self.manageHostname = manageHostname
            self.storageHostname = storageHostname ?? manageHostname
            self.zone = zone
            self.tags = tags
            self.group = group
            self.devices = devices
        }
    }

    /// Settings of a volume that live only in the store, taken from its claim.
    public struct Volume: Hashable, Sendable {
        public var gid: Int64?
        public var snapshot: SnapshotSettings

        public init(gid: Int64?, snapshot: SnapshotSettings) {
            self.gid = gid
            self.snapshot = snapshot
        }
    }

    public var nodes: [Node]
    /// Volume settings by volume name.
    public var volumes: [String: Volume]
    /// The id the cluster gets when there is one (Kubernetes storage classes name it as `clusterid`).
    public var clusterID: ClusterID?
    /// Where LVM bricks are mounted (`<root>/vg_<device>/brick_<brick>`), which tells an LVM brick's path from a
    /// directory brick's. No default: it is the configured root the bricks were made under.
    public var mountRoot: String

    public init(nodes: [Node], volumes: [String: Volume] = [:], clusterID: ClusterID? = nil, mountRoot: String) {
        self.nodes = nodes
        self.volumes = volumes
        self.clusterID = clusterID
        self.mountRoot = mountRoot
    }
}

/// What a node said about a path recovery asked after: where it leads (symbolic links resolved) and, when it is a
/// mounted directory, its filesystem's whole size (what device set-up recorded for it).
public struct ProbedPath: Hashable, Sendable {
    public var resolved: String
    public var filesystemSize: ByteCount?

    public init(resolved: String, filesystemSize: ByteCount?) {
        self.resolved = resolved
        self.filesystemSize = filesystemSize
    }
}
