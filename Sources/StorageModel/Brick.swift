/// One directory on one device that Gluster serves as part of a volume.
public struct Brick: Hashable, Sendable, Codable {
    public var id: BrickID
    public var volume: VolumeID
    public var device: DeviceID
    public var node: NodeID
    public var role: Role
    /// The usable size of the brick's filesystem.
    public var size: ByteCount
    /// What the brick takes from its device: thin pool plus pool metadata.
    public var reserved: ByteCount
    /// The brick directory on the node.
    public var path: String

    /// A data brick holds file contents; an arbiter brick only metadata.
    public enum Role: String, Hashable, Sendable, Codable {
        case data
        case arbiter
    }

    public init(
        id: BrickID, volume: VolumeID, device: DeviceID, node: NodeID, role: Role = .data, size: ByteCount,
        reserved: ByteCount, path: String
    ) {
        self.id = id
        self.volume = volume
        self.device = device
        self.node = node
        self.role = role
        self.size = size
        self.reserved = reserved
        self.path = path
    }
}
