public import DesiredState
public import StorageModel

extension ReconcilePlanner {
    /// Plans every claim of `desired`, and every volume of `desired`'s source whose claim is gone.
    func planClaims(_ desired: DesiredState, against topology: Topology, into plan: inout ReconcilePlan) {
        let index = ClaimIndex(topology)
        var wanted: [ClaimReference: VolumeClaim] = [:]
        for claim in desired.claims { wanted[desired.reference(of: claim)] = claim }
        for claim in desired.claims {
            self.plan(
                claim: desired.reference(of: claim), wanting: claim, index: index, clusters: desired.clusters,
                topology: topology, into: &plan)
        }
        let gone = index.byClaim.keys.filter { $0.source == desired.source && wanted[$0] == nil }
        for reference in gone.sorted() {
            self.plan(claim: reference, wanting: nil, index: index, clusters: [], topology: topology, into: &plan)
        }
    }

    /// The references of the claims of `source` that have a volume: what a pass of that source reconciles besides
    /// the claims it reads.
    public static func claimedVolumes(of source: String, in topology: Topology) -> [ClaimReference: [Volume]] {
        ClaimIndex(topology).byClaim.filter { $0.key.source == source }
    }

    /// The claim a volume was made for; nil for a volume made by hand, through the API, or with a malformed record.
    public static func reference(of volume: Volume) -> ClaimReference? {
        volume.option(Self.claimOption).flatMap(ClaimReference.init(recorded:))
    }

    /// Plans one claim alone: `wanting` is what its source asks for now, nil when the claim is gone. This is what
    /// the controller runs for one key, against a fresh read of the store.
    /// `index` is the topology's, when the caller keeps one across claims; `clusters` are the source's desired
    /// clusters, which a claim's `clusterName` is resolved against.
    public func plan(
        claim reference: ClaimReference, wanting claim: VolumeClaim?, against topology: Topology,
        index: ClaimIndex? = nil, clusters: [DesiredCluster] = []
    ) -> ReconcilePlan {
        var plan = ReconcilePlan()
        self.plan(
            claim: reference, wanting: claim, index: index ?? ClaimIndex(topology), clusters: clusters,
            topology: topology, into: &plan)
        return plan
    }

    /// Where a claim's volume goes: the stored cluster that holds the nodes of the desired cluster its `clusterName`
    /// names. Unnamed: the claim's own `cluster` (any when nil).
    enum ClusterChoice: Equatable {
        case resolved(ClusterID?)
        /// The named desired cluster is not in the store yet and the store has other clusters: the volume waits
        /// until that cluster is made (the next pass; the controller makes clusters before volumes).
        case waiting(String)
        /// No desired cluster has the name.
        case unknown(String)
    }

    static func cluster(for claim: VolumeClaim, clusters: [DesiredCluster], in topology: Topology) -> ClusterChoice {
        guard let name = claim.clusterName else { return .resolved(claim.cluster) }
        guard let desired = clusters.first(where: { $0.name == name }) else { return .unknown(name) }
        if let stored = Self.storedCluster(of: desired, in: topology) { return .resolved(stored) }
        // A store without clusters gets only the ones the documents make, so any placement lands in one of them.
        return topology.clusters.isEmpty && clusters.count == 1 ? .resolved(nil) : .waiting(name)
    }

    private func plan(
        claim reference: ClaimReference, wanting wanted: VolumeClaim?, index: ClaimIndex, clusters: [DesiredCluster],
        topology: Topology, into plan: inout ReconcilePlan
    ) {
        let owned = index.byClaim[reference] ?? []
        var claim = wanted
        if let named = wanted, named.clusterName != nil {
            switch Self.cluster(for: named, clusters: clusters, in: topology) {
            case .resolved(let cluster):
                claim?.cluster = cluster
            case .unknown(let name):
                plan.refusals.append("\(named.location): cluster \"\(name)\" is defined by no GlusterCluster")
                return
            case .waiting(let name):
                if owned.isEmpty {
                    plan.notices.append(
                        "claim \(reference) waits for cluster \(name), which is not in the store yet (the next pass places it)")
                    return
                }
            }
        }
        guard let claim else {
            for volume in owned { self.planRemoval(of: volume, claim: reference, into: &plan) }
            return
        }
        if let volume = owned.first {
            if owned.count > 1 {
                plan.notices.append(
                    "claim \(reference) has \(owned.count) volumes (\(owned.map(\.name).joined(separator: ", "))); \(volume.name) is reconciled")
            }
            Self.compare(claim, reference: reference, with: volume, owned: true, into: &plan)
            return
        }
        // Names are unique per cluster, not across clusters: a name may find several volumes.
        let candidates = (index.byName[claim.volumeName] ?? []).filter { claim.cluster == nil || $0.cluster == claim.cluster }
        guard let volume = candidates.first else {
            plan.steps.append(.createVolume(claim, claim: reference))
            return
        }
        if let other = Self.reference(of: volume) {
            plan.refusals.append(
                "\(claim.location): volume \(claim.volumeName) belongs to claim \(other), not to \(reference); it is left alone")
            return
        }
        plan.notices.append("volume \(claim.volumeName) exists but was not made for a claim; it is adopted as is")
        Self.compare(claim, reference: reference, with: volume, owned: false, into: &plan)
    }

    private func planRemoval(of volume: Volume, claim reference: ClaimReference, into plan: inout ReconcilePlan) {
        if volume.option(Self.deletionPolicyOption) == VolumeClaim.DeletionPolicy.delete.rawValue {
            plan.steps.append(
                .deleteVolume(volume.id, claim: reference, name: volume.name, reason: "its claim is gone; deletionPolicy Delete"))
        } else if self.prune {
            plan.steps.append(.deleteVolume(volume.id, claim: reference, name: volume.name, reason: "its claim is gone; --prune"))
        } else {
            plan.notices.append("volume \(volume.name): its claim is gone (kept; apply with --prune to delete it)")
        }
    }

    /// Every field of a claim against its volume: size grows, options and gid are applied, the records are kept
    /// current (only on a volume the claim made: an adopted one is not taken over); what cannot change in place
    /// (shrinking, durability, snapshots) is refused.
    private static func compare(
        _ claim: VolumeClaim, reference: ClaimReference, with volume: Volume, owned: Bool,
        into plan: inout ReconcilePlan
    ) {
        let place = "\(claim.location): volume \(claim.volumeName)"
        var refused = false
        if claim.size < volume.size {
            plan.refusals.append(
                "\(place) is \(volume.size.bytes >> 30) GiB; shrinking it to \(claim.size.bytes >> 30) GiB is not possible")
            refused = true
        }
        if volume.durability != claim.durability {
            plan.refusals.append(
                "\(place) is \(volume.durability), the claim says \(claim.durability); durability is not changed in place")
            refused = true
        }
        if !Self.sameSnapshots(volume.snapshot, claim.snapshot) {
            plan.refusals.append(
                "\(place) has snapshots \(volume.snapshot.enabled ? "on (factor \(volume.snapshot.factor))" : "off"), the claim says \(claim.snapshot.enabled ? "on (factor \(claim.snapshot.factor))" : "off"); snapshot settings are not changed in place")
            refused = true
        }
        guard !refused else { return }
        if claim.size > volume.size {
            plan.steps.append(.expandVolume(volume.id, claim: reference, name: volume.name, from: volume.size, to: claim.size))
        }
        var changes = ClaimedVolumeChanges()
        for option in claim.options where volume.option(option.key) != option.value {
            changes.set.append(option)
        }
        if let gid = claim.gid, gid != (volume.gid ?? 0) { changes.gid = gid }
        if owned {
            let claimKeys = Set(claim.options.map(\.key))
            let recordedKeys = Self.claimOptionKeys(recorded: volume.option(Self.claimOptionsOption))
            let dropped = recordedKeys.filter { !claimKeys.contains($0) && volume.option($0) != nil }
            // Gluster resets no single `user.*` option (only `volume reset VOL all`, which would take Brickyard's own
            // with it): such an option stays as it is, and the claim no longer owns it.
            changes.reset = dropped.filter { !$0.hasPrefix("user.") }
            for key in dropped where key.hasPrefix("user.") {
                plan.notices.append(
                    "volume \(volume.name): option \(key) was dropped from the claim; Gluster cannot reset a user.* option, so it keeps its value")
            }
            for record in Self.records(for: claim, reference: reference) where volume.option(record.key) != record.value {
                changes.records.append(record)
            }
        }
        if !changes.isEmpty {
            plan.steps.append(.updateVolume(volume.id, claim: reference, name: volume.name, changes))
        }
    }

    /// Off equals off whatever the factor; on compares the factor.
    private static func sameSnapshots(_ stored: SnapshotSettings, _ claimed: SnapshotSettings) -> Bool {
        stored.enabled == claimed.enabled && (!stored.enabled || stored.factor == claimed.factor)
    }

    /// Brickyard's records on a claim's volume: who claimed it, what happens when the claim goes, which options
    /// the claim set.
    static func records(for claim: VolumeClaim, reference: ClaimReference) -> [VolumeOption] {
        [
            VolumeOption(key: Self.claimOption, value: reference.description),
            VolumeOption(key: Self.deletionPolicyOption, value: claim.deletionPolicy.rawValue),
            // Gluster takes no empty value, so a claim without options records `none`.
            VolumeOption(
                key: Self.claimOptionsOption,
                value: claim.options.isEmpty ? "none" : claim.options.map(\.key).joined(separator: ",")),
        ]
    }

    /// The keys a claim's volume records as the claim's own options; none when nothing is recorded.
    static func claimOptionKeys(recorded value: String?) -> [String] {
        guard let value, value != "none" else { return [] }
        return value.split(separator: ",").map(String.init)
    }

    /// The volume request for a claim, with the options that tie the volume to it.
    public static func volumeSpec(for claim: VolumeClaim, reference: ClaimReference, cluster: ClusterID?) -> VolumeSpec {
        VolumeSpec(
            name: claim.volumeName, size: claim.size, durability: claim.durability, snapshot: claim.snapshot,
            gid: claim.gid, options: claim.options + Self.records(for: claim, reference: reference),
            clusters: (claim.cluster ?? cluster).map { [$0] } ?? [])
    }
}
