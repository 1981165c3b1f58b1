public import StorageModel

/// What one brick takes from its device: an LVM thin pool sized for the brick and its snapshots, plus the
/// pool's metadata LV (Heketi's arithmetic, so existing clusters are accounted identically).
public struct BrickSpace: Hashable, Sendable {
    /// The filesystem size of the brick (the thin LV's virtual size).
    public var size: ByteCount
    /// The thin pool: brick size times snapshot factor, rounded up to whole extents.
    public var thinPool: ByteCount
    /// The pool metadata: 0.5 % of the pool, at most 16 GiB, rounded up to whole extents.
    public var metadata: ByteCount

    /// LVM's physical extent size, the unit every LV is rounded to.
    public static let extent = ByteCount.mebibytes(4)
    public static let metadataFraction = 0.005
    public static let maximumMetadata = ByteCount.gibibytes(16)

    public init(size: ByteCount, snapshotFactor: Double) {
        self.size = size
        self.thinPool = size.scaled(by: snapshotFactor).roundedUp(toMultipleOf: Self.extent)
        let metadata = min(self.thinPool.scaled(by: Self.metadataFraction), Self.maximumMetadata)
        self.metadata = metadata.roundedUp(toMultipleOf: Self.extent)
    }

    /// Space reserved on the device; a device fits the brick only if its free space is larger.
    public var reserved: ByteCount { self.thinPool + self.metadata }
}
