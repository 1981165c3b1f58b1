public import StorageModel

/// What the node needs to make one LVM brick: where it lives and the allocator's sizes (`Brick.size` for the
/// filesystem, the thin pool and its metadata from `BrickSpace`), passed explicitly so the builder does no
/// arithmetic of its own.
public struct BrickSpec: Hashable, Sendable {
    /// The brick's names and mount point, from its recorded path.
    public var location: BrickLocation.LVM
    /// The filesystem size: the thin LV's virtual size.
    public var size: ByteCount
    /// The thin pool's size.
    public var thinPool: ByteCount
    /// The thin pool's metadata LV size.
    public var poolMetadata: ByteCount
    /// Group owning the brick directory (set-GID, mode 2775); nil or 0 leaves it to root, as Heketi does.
    public var gid: Int64?
    /// Arbiter bricks hold only metadata and get an inode-dense filesystem.
    public var role: Brick.Role

    public init(
        location: BrickLocation.LVM, size: ByteCount, thinPool: ByteCount, poolMetadata: ByteCount,
        gid: Int64? = nil, role: Brick.Role = .data
    ) {
        self.location = location
        self.size = size
        self.thinPool = thinPool
        self.poolMetadata = poolMetadata
        self.gid = gid
        self.role = role
    }

    /// The group to set on the brick directory, if any.
    var effectiveGID: Int64? {
        guard let gid = self.gid, gid != 0 else { return nil }
        return gid
    }
}

extension ByteCount {
    /// `<n>K` for LVM, rounded up to a whole KiB so LVM never gets less than asked for.
    var lvmKibibytes: String {
        "\((self.bytes + ByteCount.kibibyte - 1) / ByteCount.kibibyte)K"
    }
}
