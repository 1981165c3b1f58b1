/// What someone asked for: a volume as a request, a claim document or a Kubernetes PVC describes it,
/// validated, before any placement. Every desired-state source produces this same value.
public struct VolumeSpec: Hashable, Sendable {
    /// Nil lets the engine name it `vol_<id>`.
    public var name: String?
    public var size: ByteCount
    public var durability: Durability
    public var snapshot: SnapshotSettings
    public var gid: Int64?
    /// Gluster options as given, including Heketi's placement hints (`user.heketi.*`).
    public var options: [VolumeOption]
    /// Candidate clusters; empty means any.
    public var clusters: [ClusterID]

    public init(
        name: String? = nil, size: ByteCount, durability: Durability, snapshot: SnapshotSettings = .disabled,
        gid: Int64? = nil, options: [VolumeOption] = [], clusters: [ClusterID] = []
    ) {
        self.name = name
        self.size = size
        self.durability = durability
        self.snapshot = snapshot
        self.gid = gid
        self.options = options
        self.clusters = clusters
    }

    /// The value of an option, the last one winning as with repeated `gluster volume set`.
    public func option(_ key: String) -> String? {
        self.options.last(where: { $0.key == key })?.value
    }
}
