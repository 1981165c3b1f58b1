import StorageModel

/// The object a reconcile step concerns, as the work queue keys it: steps for one key run in order by one worker,
/// steps for different keys run in parallel and fail independently. Keys name objects by what the documents call
/// them, so a key means the same object from one plan to the next.
enum ReconcileKey: Hashable, Sendable, CustomStringConvertible {
    /// A new cluster, by its place in the documents: creating it, then adding its nodes and their devices, one
    /// after the other (peers join a trusted pool one at a time, probed from a member).
    case cluster(index: Int)
    /// Nodes joining a stored cluster, with their devices, one after the other.
    case joining(ClusterID)
    /// A stored node by manage hostname: devices added to it.
    case node(String)
    /// A volume by claim name: creating, expanding or deleting it.
    case volume(String)

    /// Topology keys run before volume keys in a pass, since volumes need the nodes and devices.
    var isTopology: Bool {
        switch self {
        case .node, .cluster, .joining: return true
        case .volume: return false
        }
    }

    var description: String {
        switch self {
        case .node(let host): return "node \(host)"
        case .cluster(let index): return "cluster #\(index + 1)"
        case .joining(let cluster): return "cluster \(cluster)"
        case .volume(let name): return "volume \(name)"
        }
    }
}
