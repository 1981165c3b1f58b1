public import StorageModel

/// The knobs of placement, with Heketi's defaults.
public struct AllocationPolicy: Hashable, Sendable {
    /// Bricks smaller than this are never made; splitting a volume stops here (Heketi: 1 GiB).
    public var minimumBrickSize: ByteCount = .gibibytes(1)
    /// A volume is split into more sets until its bricks are at most this size (Heketi: 4 TiB).
    public var maximumBrickSize: ByteCount = .tebibytes(4)
    /// Splitting stops before a volume would have more bricks than this (Heketi: 32).
    public var maximumBricksPerVolume = 32
    /// Sizes arbiter bricks: one KiB of arbiter space per expected file (Heketi: 64 KiB files).
    public var averageFileSize: ByteCount = .kibibytes(64)
    /// The smallest arbiter brick made, however few files are expected.
    public var minimumArbiterBrickSize: ByteCount = .mebibytes(16)
    /// Whether set members must be in distinct zones, or only preferably.
    public var zoneChecking: ZoneChecking = .preferred
    /// A cluster with this many volumes takes no more (Heketi's `max_volumes_per_cluster`); nil: no limit.
    public var maximumVolumesPerCluster: Int? = nil
    /// Seeds tie-breaks between equally good devices, so the same seed always gives the same placement.
    public var seed: UInt64 = 0
    /// Balance first, pack last. While a device would keep at least this fraction of its capacity free, the
    /// emptiest device is chosen, so capacity fills evenly; a device below it is filled up first, so the
    /// large holes left elsewhere stay available for large bricks. Tuned with `brickyard-bench allocator`.
    public var devicePackingThreshold = 0.2
    /// The same switch for nodes and zones, whose free space is compared before their devices'.
    public var nodePackingThreshold = 0.3

    public init() {}
}

/// How strictly the members of a brick set are spread over failure zones.
public enum ZoneChecking: String, Hashable, Sendable, Codable, CaseIterable {
    /// Distinct zones whenever the cluster has enough of them; otherwise distinct nodes (Heketi's `none`).
    case preferred = "none"
    /// Distinct zones or failure: never co-locate two members of a set in one zone (Heketi's `strict`).
    case strict
}
