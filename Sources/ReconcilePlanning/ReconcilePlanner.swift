public import DesiredState
public import StorageModel

/// Diffs desired state against the stored topology: pure, so it is fast and easy to test.
///
/// Matching is by what people write: nodes by manage hostname, devices by node and path, volumes by the claim that
/// made them (a claim's volume carries `user.brickyard.claim <source:namespace/name>`, so a volume made by hand or
/// through the API, or by another source, is never changed or pruned). Nothing is destroyed by surprise: a volume
/// whose claim is gone is deleted only with `prune` or when the claim said `deletionPolicy: Delete` (remembered on the
/// volume as `user.brickyard.deletion-policy`, and rewritten when the claim's policy is edited); nodes and devices
/// missing from the documents are reported, never removed.
public struct ReconcilePlanner: Sendable {
    /// The volume option that ties a volume to the claim it was made for.
    public static let claimOption = "user.brickyard.claim"
    /// The volume option that remembers a claim's deletion policy after the claim is gone.
    public static let deletionPolicyOption = "user.brickyard.deletion-policy"
    /// The volume option that remembers which options the claim set (comma-separated keys), so an option removed
    /// from the claim is reset on the volume while options set by others are left alone.
    public static let claimOptionsOption = "user.brickyard.claim-options"

    public var prune: Bool

    public init(prune: Bool = false) {
        self.prune = prune
    }

    public func plan(_ desired: DesiredState, against topology: Topology) -> ReconcilePlan {
        var plan = ReconcilePlan()
        let nodesByHost = Dictionary(
            topology.nodes.values.map { ($0.manageHostname, $0) }, uniquingKeysWith: { first, _ in first })
        var desiredHosts: Set<String> = []

        for (index, cluster) in desired.clusters.enumerated() {
            let stored = Set(cluster.nodes.compactMap { nodesByHost[$0.manageHostname]?.cluster })
            let reference: ReconcileStep.ClusterReference
            if let existing = Self.storedCluster(of: cluster, in: topology) {
                reference = .existing(existing)
                if stored.count > 1 {
                    plan.notices.append(
                        "desired cluster #\(index + 1) has nodes in \(stored.count) stored clusters; new nodes join \(existing)")
                }
            } else {
                reference = .new(index: index)
                plan.steps.append(.createCluster(index: index))
            }
            for node in cluster.nodes {
                desiredHosts.insert(node.manageHostname)
                if let existing = nodesByHost[node.manageHostname] {
                    Self.compare(node, with: existing, into: &plan)
                    let devices = Set(topology.devices(on: existing.id).map(\.name))
                    for device in node.devices where !devices.contains(device.name) {
                        plan.steps.append(.addDevice(device, node: node.manageHostname))
                    }
                    let wanted = Set(node.devices.map(\.name))
                    for device in devices.subtracting(wanted).sorted() {
                        plan.notices.append("device \(device) on \(node.manageHostname) is in no document (kept)")
                    }
                } else {
                    plan.steps.append(.addNode(node, cluster: reference))
                    for device in node.devices { plan.steps.append(.addDevice(device, node: node.manageHostname)) }
                }
            }
        }
        if !desired.clusters.isEmpty {
            for node in topology.nodes.values.sorted(by: { $0.manageHostname < $1.manageHostname })
            where !desiredHosts.contains(node.manageHostname) {
                plan.notices.append("node \(node.manageHostname) is in no document (kept)")
            }
        }
        self.planClaims(desired, against: topology, into: &plan)
        // Creations after the topology they need; deletions last, so a replacement never waits for space twice.
        return plan
    }

    /// The stored cluster a desired cluster is: the first (by id) holding any of its nodes; nil when none does.
    public static func storedCluster(of cluster: DesiredCluster, in topology: Topology) -> ClusterID? {
        let hosts = Set(cluster.nodes.map(\.manageHostname))
        return topology.nodes.values.filter { hosts.contains($0.manageHostname) }.map(\.cluster).min()
    }

    private static func compare(_ node: DesiredNode, with stored: Node, into plan: inout ReconcilePlan) {
        if stored.zone != node.zone {
            plan.notices.append(
                "node \(node.manageHostname): zone is \(stored.zone), documents say \(node.zone) (a node's zone is not changed in place)")
        }
        if stored.storageHostname != node.storageHostname {
            plan.notices.append(
                "node \(node.manageHostname): storage hostname is \(stored.storageHostname), documents say \(node.storageHostname) (not changed in place)")
        }
    }

}

extension Volume {
    /// The value of a volume option (the last one set wins, as in Gluster).
    func option(_ key: String) -> String? {
        self.options.last { $0.key == key }?.value
    }
}
