public import StorageModel

/// A physical volume from `pvs`.
public struct PhysicalVolumeRow: Hashable, Sendable {
    static let fields = ["pv_name", "vg_name", "pv_size", "pv_free"]

    public var name: String
    /// The volume group it belongs to; empty when none.
    public var volumeGroup: String
    public var size: ByteCount
    public var free: ByteCount

    public init(name: String, volumeGroup: String, size: ByteCount, free: ByteCount) {
        self.name = name
        self.volumeGroup = volumeGroup
        self.size = size
        self.free = free
    }

    init(_ row: LVMRow) throws(NodeOutputError) {
        self.name = try row.text("pv_name")
        self.volumeGroup = row.fields["vg_name"] ?? ""
        self.size = try row.size("pv_size")
        self.free = try row.size("pv_free")
    }
}

/// A volume group from `vgs`: a device's capacity as LVM counts it, in whole extents.
public struct VolumeGroupRow: Hashable, Sendable {
    static let fields = ["vg_name", "vg_size", "vg_free", "vg_extent_size", "vg_extent_count", "vg_free_count"]

    public var name: String
    public var size: ByteCount
    public var free: ByteCount
    public var extentSize: ByteCount
    public var extentCount: Int64
    public var freeExtentCount: Int64

    public init(
        name: String, size: ByteCount, free: ByteCount, extentSize: ByteCount, extentCount: Int64,
        freeExtentCount: Int64
    ) {
        self.name = name
        self.size = size
        self.free = free
        self.extentSize = extentSize
        self.extentCount = extentCount
        self.freeExtentCount = freeExtentCount
    }

    init(_ row: LVMRow) throws(NodeOutputError) {
        self.name = try row.text("vg_name")
        self.size = try row.size("vg_size")
        self.free = try row.size("vg_free")
        self.extentSize = try row.size("vg_extent_size")
        self.extentCount = try row.integer("vg_extent_count")
        self.freeExtentCount = try row.integer("vg_free_count")
    }

    /// Total extents times extent size: the device's size for bricks (Heketi's `TotalSize`).
    public var totalSize: ByteCount { self.extentSize * self.extentCount }
    /// Free extents times extent size: what new bricks may still take (Heketi's `FreeSize`).
    public var freeSize: ByteCount { self.extentSize * self.freeExtentCount }
}

/// A logical volume from `lvs`: bricks' thin LVs and their pools.
public struct LogicalVolumeRow: Hashable, Sendable {
    static let fields = [
        "lv_name", "vg_name", "lv_size", "pool_lv", "lv_attr", "thin_count", "data_percent", "metadata_percent",
    ]

    public var name: String
    public var volumeGroup: String
    public var size: ByteCount
    /// The thin pool a thin LV lives in; empty for others.
    public var pool: String
    /// LVM's attribute letters (`twi-aotz--` for a thin pool, `Vwi-aotz--` for a thin LV).
    public var attributes: String
    /// Thin LVs in this pool; nil for an LV that is not a pool.
    public var thinCount: Int64?
    /// Percent of the data space used, for pools and thin LVs.
    public var dataPercent: Double?
    /// Percent of a pool's metadata used.
    public var metadataPercent: Double?

    public init(
        name: String, volumeGroup: String, size: ByteCount, pool: String, attributes: String, thinCount: Int64?,
        dataPercent: Double?, metadataPercent: Double?
    ) {
        self.name = name
        self.volumeGroup = volumeGroup
        self.size = size
        self.pool = pool
        self.attributes = attributes
        self.thinCount = thinCount
        self.dataPercent = dataPercent
        self.metadataPercent = metadataPercent
    }

    init(_ row: LVMRow) throws(NodeOutputError) {
        self.name = try row.text("lv_name")
        self.volumeGroup = try row.text("vg_name")
        self.size = try row.size("lv_size")
        self.pool = row.fields["pool_lv"] ?? ""
        self.attributes = row.fields["lv_attr"] ?? ""
        self.thinCount = row.optionalInteger("thin_count")
        self.dataPercent = row.optionalDouble("data_percent")
        self.metadataPercent = row.optionalDouble("metadata_percent")
    }

    /// A thin pool's attributes start with `t`.
    public var isThinPool: Bool { self.attributes.hasPrefix("t") }
}
