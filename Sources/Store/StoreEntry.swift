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
