public import StorageModel

/// A reference to one stored entry that can carry a pending marker: a node, device, brick or volume.
///
/// Clusters carry none: creating one runs nothing on the cluster, so there is never an unfinished cluster.
public enum StoreEntry: Hashable, Sendable, CustomStringConvertible {
    case node(NodeID)
    case device(DeviceID)
    case brick(BrickID)
    case volume(VolumeID)

    public var description: String {
        switch self {
        case .node(let id): "node \(id)"
        case .device(let id): "device \(id)"
        case .brick(let id): "brick \(id)"
        case .volume(let id): "volume \(id)"
        }
    }
}

extension StoreEntry {
    /// The entry as one text value (`volume:<id>`): how the holds table names it.
    public var key: String {
        switch self {
        case .node(let id): "node:\(id)"
        case .device(let id): "device:\(id)"
        case .brick(let id): "brick:\(id)"
        case .volume(let id): "volume:\(id)"
        }
    }

    /// Reads `key` back; nil for text no `key` produced.
    public init?(key: String) {
        let parts = key.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let id = parts[1]
        switch parts[0] {
        case "node": guard let value = try? NodeID(parsing: id) else { return nil }; self = .node(value)
        case "device": guard let value = try? DeviceID(parsing: id) else { return nil }; self = .device(value)
        case "brick": guard let value = try? BrickID(parsing: id) else { return nil }; self = .brick(value)
        case "volume": guard let value = try? VolumeID(parsing: id) else { return nil }; self = .volume(value)
        default: return nil
        }
    }

    /// The id alone, as Heketi's JSON names entries.
    public var id: String {
        switch self {
        case .node(let id): id.description
        case .device(let id): id.description
        case .brick(let id): id.description
        case .volume(let id): id.description
        }
    }

    /// The kind alone, as messages name it (`volume`).
    public var kind: String {
        switch self {
        case .node: "node"
        case .device: "device"
        case .brick: "brick"
        case .volume: "volume"
        }
    }
}
