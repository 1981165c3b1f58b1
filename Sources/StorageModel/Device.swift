/// A disk (or, with the directory backend, a prepared filesystem) on a node that holds bricks.
///
/// `total` is what the device offers to bricks; `used` is the sum of the space its bricks reserve (thin
/// pool plus pool metadata). The allocator never lets `used` exceed `total`.
public struct Device: Hashable, Sendable, Codable {
    public var id: DeviceID
    public var node: NodeID
    /// The block device path (`/dev/sdb`) or, for the directory backend, the mount point.
    public var name: String
    public var tags: Tags
    public var state: OperationalState
    public var total: ByteCount
    public var used: ByteCount
    /// How the device holds bricks; `lvm` until the executor has looked at the device.
    public var backend: BrickBackend
    /// Whether the node enforces brick sizes (always with LVM; with directories only under project quotas).
    public var sizeEnforced: Bool

    public init(
        id: DeviceID, node: NodeID, name: String, tags: Tags = [:], state: OperationalState = .online,
        total: ByteCount, used: ByteCount = .zero, backend: BrickBackend = .lvm, sizeEnforced: Bool = true
    ) {
        self.backend = backend
        self.sizeEnforced = sizeEnforced
        self.id = id
        self.node = node
        self.name = name
        self.tags = tags
        self.state = state
        self.total = total
        self.used = used
    }

    public var free: ByteCount { self.total - self.used }

    public static let maximumNameLength = 4096

    /// Device names must be absolute paths of `[a-zA-Z0-9_.:/-]` characters, as Heketi requires.
    public static func validate(name: String) throws(ValidationError) {
        guard !name.isEmpty else { throw ValidationError(field: "name", value: name, problem: .required) }
        guard name.utf8.count <= Self.maximumNameLength else {
            throw ValidationError(field: "name", value: name, problem: .tooLong(maximum: Self.maximumNameLength))
        }
        guard name.utf8.first == UInt8(ascii: "/"), name.utf8.count > 1,
            CharacterRules.allBytes(of: name, alphanumericOr: "_.:/-")
        else {
            throw ValidationError(field: "name", value: name, problem: .invalidCharacters(allowed: "^/[a-zA-Z0-9_.:/-]+$"))
        }
    }
}
