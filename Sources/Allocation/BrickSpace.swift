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
        self.metadata = Self.metadata(forPool: self.thinPool)
    }

    /// The thin pool and metadata that `reserved` was made of, so a brick is built from what the store recorded for
    /// it rather than from settings that may have changed since: the largest pool (in whole extents) that fits in
    /// `reserved` with its metadata, the metadata taking the rest. For a reservation `init(size:snapshotFactor:)`
    /// made, these are exactly its pool and metadata.
    public init(size: ByteCount, reserved: ByteCount) {
        self.size = size
        let extent = Self.extent.bytes
        // A first guess a few extents off at most (the metadata is at most 0.5 %), then walked to the answer.
        var pool = max(reserved.bytes - Self.metadata(forPool: reserved).bytes, 0) / extent * extent
        while pool > 0, pool + Self.metadata(forPool: ByteCount(bytes: pool)).bytes > reserved.bytes { pool -= extent }
        while pool + extent + Self.metadata(forPool: ByteCount(bytes: pool + extent)).bytes <= reserved.bytes {
            pool += extent
        }
        self.thinPool = ByteCount(bytes: pool)
        self.metadata = reserved - self.thinPool
    }

    /// The pool metadata LV for a pool: 0.5 % of it, at most 16 GiB, rounded up to whole extents.
    static func metadata(forPool pool: ByteCount) -> ByteCount {
        min(pool.scaled(by: Self.metadataFraction), Self.maximumMetadata).roundedUp(toMultipleOf: Self.extent)
    }

    /// Space reserved on the device; a device fits the brick only if its free space is larger.
    public var reserved: ByteCount { self.thinPool + self.metadata }
}
