import DesiredState
import StorageModel

/// The object a reconcile step concerns, as the work queue keys it: steps for one key run in order by one worker,
/// steps for different keys run in parallel and fail independently. Keys name objects by what the documents call
/// them (a claim by its source-qualified reference), so a key means the same object from one plan to the next.
enum ReconcileKey: Hashable, Sendable, CustomStringConvertible {
    /// A new cluster, by its place in the documents: creating it, then adding its nodes and their devices, one
    /// after the other (peers join a trusted pool one at a time, probed from a member).
    case cluster(index: Int)
    /// Nodes joining a stored cluster, with their devices, one after the other.
    case joining(ClusterID)
    /// A stored node by manage hostname: devices added to it.
    case node(String)
    /// A claim's volume: creating, changing or deleting it.
    case claim(ClaimReference)

    /// Topology keys run before volume keys in a pass, since volumes need the nodes and devices.
    var isTopology: Bool {
        switch self {
        case .node, .cluster, .joining: return true
        case .claim: return false
        }
    }

    var description: String {
        switch self {
        case .node(let host): return "node \(host)"
        case .cluster(let index): return "cluster #\(index + 1)"
        case .joining(let cluster): return "cluster \(cluster)"
        case .claim(let claim): return "claim \(claim)"
        }
    }
}
