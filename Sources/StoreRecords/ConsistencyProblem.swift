public import StorageModel

/// One way the store disagrees with itself: what `GET /db/check` reports. Each case carries the facts.
public enum ConsistencyProblem: Hashable, Sendable, CustomStringConvertible {
    /// An entry is marked by an operation that has finished (or no longer exists): nothing will ever clear the mark,
    /// so a volume stays hidden or a brick's space stays reserved until the entry is repaired.
    case orphanMarker(StoreEntry, operation: OperationID, status: OperationStatus?)
    /// A hold belongs to an operation that has finished; the object can never be changed again until it goes.
    case orphanHold(StoreEntry, operation: OperationID, status: OperationStatus?)
    /// A volume's brick sets name a brick the store does not hold.
    case missingBrick(volume: VolumeID, brick: BrickID)
    /// A complete brick belongs to a volume whose sets do not list it (and no unfinished operation is adding it).
    case strayBrick(BrickID, volume: VolumeID)
    /// A brick is recorded on a device of another node than its own.
    case brickOnWrongNode(BrickID, device: DeviceID, node: NodeID)
    /// A set does not have the number of bricks the volume's durability needs.
    case wrongSetSize(volume: VolumeID, set: Int, bricks: Int, expected: Int)
    /// The volume's recorded size is not what its brick sets hold.
    case sizeMismatch(volume: VolumeID, recorded: ByteCount, sets: Int, capacity: ByteCount)
    /// A device's bricks reserve more than the device holds.
    case deviceOvercommitted(DeviceID, used: ByteCount, total: ByteCount)

    public var description: String {
        switch self {
        case .orphanMarker(let entry, let operation, let status):
            "\(entry) is marked by operation \(operation), which \(Self.state(status)): it stays hidden and its space reserved"
        case .orphanHold(let entry, let operation, let status):
            "\(entry) is held by operation \(operation), which \(Self.state(status))"
        case .missingBrick(let volume, let brick):
            "volume \(volume) lists brick \(brick), which is not stored"
        case .strayBrick(let brick, let volume):
            "brick \(brick) belongs to volume \(volume), whose brick sets do not list it"
        case .brickOnWrongNode(let brick, let device, let node):
            "brick \(brick) is recorded on node \(node), but its device \(device) is on another node"
        case .wrongSetSize(let volume, let set, let bricks, let expected):
            "volume \(volume) set \(set + 1) has \(bricks) bricks; its durability needs \(expected)"
        case .sizeMismatch(let volume, let recorded, let sets, let capacity):
            "volume \(volume) records \(recorded), but its \(sets) brick \(sets == 1 ? "set holds" : "sets hold") \(capacity)"
        case .deviceOvercommitted(let device, let used, let total):
            "device \(device) reserves \(used) for bricks but holds \(total)"
        }
    }

    private static func state(_ status: OperationStatus?) -> String {
        guard let status else { return "no longer exists" }
        return "has finished (\(status.rawValue))"
    }
}
