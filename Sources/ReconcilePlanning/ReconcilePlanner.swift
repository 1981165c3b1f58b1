public import DesiredState
public import StorageModel

/// Diffs desired state against the stored topology: pure, so it is fast and easy to test.
///
/// Matching is by what people write: nodes by manage hostname, devices by node and path, volumes by name (a
/// claim's volume carries `user.brickyard.claim <name>`, so a volume made by hand or through the API is never
/// pruned). Nothing is destroyed by surprise: a volume whose claim is gone is deleted only with `prune` or when
/// the claim said `deletionPolicy: Delete` (remembered on the volume as `user.brickyard.deletion-policy`); nodes
/// and devices missing from the documents are reported, never removed.
public struct ReconcilePlanner: Sendable {
    /// The volume option that ties a volume to the claim it was made for.
    public static let claimOption = "user.brickyard.claim"
    /// The volume option that remembers a claim's deletion policy after the claim is gone.
    public static let deletionPolicyOption = "user.brickyard.deletion-policy"

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
            if let existing = stored.sorted().first {
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
        self.planVolumes(desired.claims, topology: topology, into: &plan)
        // Creations after the topology they need; deletions last, so a replacement never waits for space twice.
        return plan
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

    private func planVolumes(_ claims: [VolumeClaim], topology: Topology, into plan: inout ReconcilePlan) {
        let volumes = topology.volumes.values.sorted { $0.name < $1.name }
        // Names are unique per cluster, not across clusters: a name may find several volumes.
        let byName = Dictionary(grouping: volumes, by: \.name)
        var claimed: Set<VolumeID> = []
        for claim in claims {
            let candidates = (byName[claim.name] ?? []).filter { claim.cluster == nil || $0.cluster == claim.cluster }
            guard let volume = candidates.first else {
                plan.steps.append(.createVolume(claim))
                continue
            }
            claimed.insert(volume.id)
            if volume.option(Self.claimOption) == nil {
                plan.notices.append("volume \(claim.name) exists but was not made for a claim; it is adopted as is")
            }
            if claim.size > volume.size {
                plan.steps.append(.expandVolume(volume.id, name: claim.name, from: volume.size, to: claim.size))
            } else if claim.size < volume.size {
                plan.refusals.append(
                    "\(claim.location): volume \(claim.name) is \(volume.size.bytes >> 30) GiB; shrinking it to \(claim.size.bytes >> 30) GiB is not possible")
            }
            if volume.durability != claim.durability {
                plan.notices.append(
                    "volume \(claim.name) is \(volume.durability), the claim says \(claim.durability) (durability is not changed in place)")
            }
        }
        for volume in volumes where !claimed.contains(volume.id) {
            guard volume.option(Self.claimOption) != nil else { continue }
            if volume.option(Self.deletionPolicyOption) == VolumeClaim.DeletionPolicy.delete.rawValue {
                plan.steps.append(.deleteVolume(volume.id, name: volume.name, reason: "its claim is gone; deletionPolicy Delete"))
            } else if self.prune {
                plan.steps.append(.deleteVolume(volume.id, name: volume.name, reason: "its claim is gone; --prune"))
            } else {
                plan.notices.append("volume \(volume.name): its claim is gone (kept; apply with --prune to delete it)")
            }
        }
    }

    /// The volume request for a claim, with the options that tie the volume to it.
    public static func volumeSpec(for claim: VolumeClaim, cluster: ClusterID?) -> VolumeSpec {
        var options = claim.options
        options.append(VolumeOption(key: Self.claimOption, value: claim.name))
        options.append(VolumeOption(key: Self.deletionPolicyOption, value: claim.deletionPolicy.rawValue))
        return VolumeSpec(
            name: claim.name, size: claim.size, durability: claim.durability, snapshot: claim.snapshot, gid: claim.gid,
            options: options, clusters: (claim.cluster ?? cluster).map { [$0] } ?? [])
    }
}

extension Volume {
    /// The value of a volume option (the last one set wins, as in Gluster).
    func option(_ key: String) -> String? {
        self.options.last { $0.key == key }?.value
    }
}
