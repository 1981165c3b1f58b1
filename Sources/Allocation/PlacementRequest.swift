public import StorageModel

/// What to place: a volume (or an expansion of one) of a size and shape.
public struct PlacementRequest: Hashable, Sendable {
    /// Usable capacity to add.
    public var size: ByteCount
    public var durability: Durability
    /// Thin pools are this many times the brick size (1 without snapshots).
    public var snapshotFactor: Double
    /// Candidate clusters in order of preference; empty means every cluster that takes file volumes.
    public var clusters: [ClusterID]
    /// Constraints on merged node and device tags (`user.heketi.device-tag-match`).
    public var tagRules: [TagRule]
    /// Overrides the policy's zone checking (`user.heketi.zone-checking`).
    public var zoneChecking: ZoneChecking?
    /// Overrides the policy's average file size for arbiter sizing (`user.heketi.average-file-size`).
    public var averageFileSize: ByteCount?

    public init(
        size: ByteCount, durability: Durability, snapshotFactor: Double = 1, clusters: [ClusterID] = [],
        tagRules: [TagRule] = [], zoneChecking: ZoneChecking? = nil, averageFileSize: ByteCount? = nil
    ) {
        self.size = size
        self.durability = durability
        self.snapshotFactor = snapshotFactor
        self.clusters = clusters
        self.tagRules = tagRules
        self.zoneChecking = zoneChecking
        self.averageFileSize = averageFileSize
    }
}
