public import DesiredState
public import StorageModel

/// One change that brings the store (and through it the nodes) in line with the documents. Steps name what they
/// act on by what the documents call it (hostnames, device paths, claim names), since new entries have no ids yet.
public enum ReconcileStep: Hashable, Sendable {
    /// A cluster for the desired cluster at `index` (no stored cluster holds any of its nodes).
    case createCluster(index: Int)
    /// Adds (probes) a node into a stored cluster or the new cluster made for desired cluster `index`.
    case addNode(DesiredNode, cluster: ClusterReference)
    /// Sets up a device on a node (stored, or added earlier in the plan), by its manage hostname.
    case addDevice(DesiredDevice, node: String)
    /// Creates the volume a claim asks for.
    case createVolume(VolumeClaim, claim: ClaimReference)
    /// Grows a claim's volume to the claim's size.
    case expandVolume(VolumeID, claim: ClaimReference, name: String, from: ByteCount, to: ByteCount)
    /// Changes a claim's volume in place: options, gid, Brickyard's records.
    case updateVolume(VolumeID, claim: ClaimReference, name: String, ClaimedVolumeChanges)
    /// Deletes a volume whose claim is gone (pruning, or the claim's deletion policy was `delete`).
    case deleteVolume(VolumeID, claim: ClaimReference, name: String, reason: String)

    public enum ClusterReference: Hashable, Sendable {
        case existing(ClusterID)
        case new(index: Int)
    }

    /// `add`, `change` or `delete`, for the summary line.
    public var effect: String {
        switch self {
        case .createCluster, .addNode, .addDevice, .createVolume: return "add"
        case .expandVolume, .updateVolume: return "change"
        case .deleteVolume: return "delete"
        }
    }

    /// Whether the step deletes a volume (which the controller confirms before it runs).
    public var isDeletion: Bool {
        if case .deleteVolume = self { return true }
        return false
    }

    /// The claim a volume step is for; nil for topology steps.
    public var claim: ClaimReference? {
        switch self {
        case .createVolume(_, let claim), .expandVolume(_, let claim, _, _, _), .updateVolume(_, let claim, _, _),
            .deleteVolume(_, let claim, _, _):
            return claim
        case .createCluster, .addNode, .addDevice: return nil
        }
    }

    /// A short machine name, as in the JSON form of a plan.

    public var action: String {
        switch self {
        case .createCluster: return "create_cluster"
        case .addNode: return "add_node"
        case .addDevice: return "add_device"
        case .createVolume: return "create_volume"
        case .expandVolume: return "expand_volume"
        case .updateVolume: return "update_volume"
        case .deleteVolume: return "delete_volume"
        }
    }

    /// What the step acts on.
    public var target: String {
        switch self {
        case .createCluster(let index): return "cluster #\(index + 1)"
        case .addNode(let node, _): return node.manageHostname
        case .addDevice(let device, let node): return "\(node):\(device.name)"
        case .createVolume(let claim, _): return claim.volumeName
        case .expandVolume(_, _, let name, _, _), .updateVolume(_, _, let name, _), .deleteVolume(_, _, let name, _):
            return name
        }
    }

    /// One readable line, as `plan` prints it.
    public var description: String {
        switch self {
        case .createCluster(let index):
            return "+ cluster for the nodes of desired cluster #\(index + 1)"
        case .addNode(let node, let cluster):
            let place: String
            switch cluster {
            case .existing(let id): place = "cluster \(id)"
            case .new(let index): place = "the new cluster #\(index + 1)"
            }
            return "+ node \(node.manageHostname) (storage \(node.storageHostname), zone \(node.zone)) in \(place)"
        case .addDevice(let device, let node):
            return "+ device \(device.name) on \(node)\(device.destroyData ? " (existing data destroyed)" : "")"
        case .createVolume(let claim, _):
            return "+ volume \(claim.volumeName): \(claim.size.bytes >> 30) GiB, \(claim.durability)"
        case .expandVolume(_, _, let name, let from, let to):
            return "~ volume \(name): \(from.bytes >> 30) GiB -> \(to.bytes >> 30) GiB"
        case .updateVolume(_, _, let name, let changes):
            return "~ volume \(name): \(changes.summary)"
        case .deleteVolume(_, _, let name, let reason):
            return "- volume \(name) (\(reason))"
        }
    }
}
