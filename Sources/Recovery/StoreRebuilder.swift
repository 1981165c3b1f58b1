public import HeketiImport
import Allocation
import Planning
public import StorageModel

/// Rebuilds the store's records from an observation of the nodes: pure, so every rule is tested without a node.
///
/// What the nodes say, with Heketi's naming (which Brickyard keeps): a volume group `vg_<device>` is a device, a
/// logical volume `brick_<brick>` in it is a brick of that size (its thin pool `tp_<brick>` gives the snapshot
/// factor), a Gluster volume carrying `user.heketi.id <id>` is a volume with that id, its bricks in set order, and
/// `user.brickyard.size` its exact size. Directory devices come from the documents and from brick paths. A node's id
/// is its glusterd UUID; what the nodes cannot name gets an id derived from stable text.
public enum StoreRebuilder {
    /// The paths to probe on each host (by manage hostname): the documents' devices, the LVM physical volumes (so
    /// both sides of a symbolic link can be compared), and the directories bricks live in.
    public static func probeCandidates(observed: ObservedState, hints: RecoveryHints) -> [String: [String]] {
        let index = NodeIndex(observed: observed, hints: hints)
        var candidates: [String: Set<String>] = [:]
        for node in hints.nodes {
            candidates[node.manageHostname, default: []].formUnion(node.devices.keys)
            let physical = observed.node(node.manageHostname)?.physicalVolumes ?? []
            let members = physical.filter { BrickLocation.LVM.device(inVolumeGroup: $0.volumeGroup) != nil }
            candidates[node.manageHostname, default: []].formUnion(members.map(\.name))
        }
        for volume in observed.volumes {
            for brick in volume.bricks {
                guard let (node, path) = index.resolve(brick),
                    case .directory(let location)? = BrickLocation(path: path, mountRoot: hints.mountRoot)
                else { continue }
                candidates[node.manageHostname, default: []].insert(location.device)
            }
        }
        return candidates.mapValues { $0.sorted() }
    }

    /// The records for an empty store. `probes` holds, per host and path, what `probeCandidates` listed and the
    /// node answered: where the path leads and, for a mounted directory, its filesystem's size.
    public static func rebuild(
        observed: ObservedState, hints: RecoveryHints, probes: [String: [String: ProbedPath]]
    ) throws(RecoveryError) -> ImportedTopology {
        try Self.checkReachable(observed, hints: hints)
        var result = ImportedTopology()
        let clusters = Self.clusters(hints)
        result.clusters = clusters.values.sorted { $0.id < $1.id }
        let nodes = Self.nodes(observed, hints: hints, clusters: clusters)
        result.nodes = nodes.values.sorted { $0.manageHostname < $1.manageHostname }
        var devices = Self.devices(observed, hints: hints, nodes: nodes, probes: probes)
        let index = NodeIndex(observed: observed, hints: hints)
        var volumes: [Volume] = []
        var bricks: [Brick] = []
        var notes: [ImportNote] = []
        var seen: [VolumeID: String] = [:]
        for observedVolume in observed.volumes {
            guard let built = try Self.volume(
                observedVolume, hints: hints, index: index, nodes: nodes, devices: &devices, observed: observed,
                notes: &notes)
            else { continue }
            if let other = seen.updateValue(observedVolume.name, forKey: built.volume.id) {
                throw RecoveryError("gluster volumes \(other) and \(observedVolume.name) both carry user.heketi.id \(built.volume.id)")
            }
            volumes.append(built.volume)
            bricks += built.bricks
        }
        Self.reserveStrayBricks(observed, in: &devices, used: Set(bricks.map(\.id)), notes: &notes)
        for (key, device) in devices.sorted(by: { ($0.key.host, $0.key.name) < ($1.key.host, $1.key.name) })
        where device.used > device.total {
            let holder = device.backend == .lvm ? "volume group" : "filesystem"
            notes.append(
                .observation(
                    "device \(key.host):\(device.name): its bricks reserve \(device.used), the \(holder) holds \(device.total)"))
        }
        notes.append(
            .observation(
                "every node and device is recorded online; set again any that were offline or failed (brickyard node disable, device disable)"))
        result.devices = devices.values.sorted { ($0.node, $0.name) < ($1.node, $1.name) }
        result.volumes = volumes.sorted { $0.name < $1.name }
        result.bricks = bricks.sorted { $0.id < $1.id }
        result.notes = notes
        return result
    }

    /// Logical volumes `brick_<id>` that no Gluster volume uses (left by an interrupted create or delete): their
    /// space is still taken, so their device counts it, and a note names them.
    private static func reserveStrayBricks(
        _ observed: ObservedState, in devices: inout [DeviceKey: Device], used: Set<BrickID>, notes: inout [ImportNote]
    ) {
        for key in devices.keys.sorted(by: { ($0.host, $0.name) < ($1.host, $1.name) }) {
            guard let device = devices[key], device.backend == .lvm, let node = observed.node(key.host) else { continue }
            let group = BrickLocation.LVM.volumeGroup(of: device.id)
            let logical = node.logicalVolumes.filter { $0.volumeGroup == group }
            for volume in logical {
                guard let id = BrickLocation.LVM.brick(inLogicalVolume: volume.name), !used.contains(id) else { continue }
                let pool = logical.first { $0.name == BrickLocation.LVM.thinPool(of: id) }?.size ?? volume.size
                devices[key]?.used += ByteCount(bytes: pool)
                notes.append(
                    .observation("\(key.host): \(group)/\(volume.name) belongs to no gluster volume; its space stays reserved until it is removed"))
            }
        }
    }

    /// Every node must have answered: a node that cannot be seen would come back without its devices.
    private static func checkReachable(_ observed: ObservedState, hints: RecoveryHints) throws(RecoveryError) {
        var problems: [String] = []
        for hint in hints.nodes {
            guard let node = observed.node(hint.manageHostname) else {
                problems.append("\(hint.manageHostname) was not observed")
                continue
            }
            if let error = node.errors.first(where: { $0.hasPrefix("peers:") || $0.hasPrefix("lvm:") }) {
                problems.append("\(hint.manageHostname): \(error)")
            }
        }
        if observed.volumesFrom == nil {
            problems.append("no glusterd answered `gluster volume info`")
        }
        guard problems.isEmpty else {
            throw RecoveryError("cannot recover while nodes cannot be seen whole: " + problems.joined(separator: "; "))
        }
    }

    private static func clusters(_ hints: RecoveryHints) -> [Int: Cluster] {
        let groups = Dictionary(grouping: hints.nodes, by: \.group)
        var clusters: [Int: Cluster] = [:]
        for (group, members) in groups {
            let id: ClusterID =
                groups.count == 1 && hints.clusterID != nil
                ? hints.clusterID!
                : StableIdentifier.make("cluster", members.map(\.manageHostname).sorted().joined(separator: ","))
            clusters[group] = Cluster(id: id)
        }
        return clusters
    }

    private static func nodes(_ observed: ObservedState, hints: RecoveryHints, clusters: [Int: Cluster]) -> [String: Node] {
        var nodes: [String: Node] = [:]
        for hint in hints.nodes {
            let uuid = observed.node(hint.manageHostname)?.uuid
            let id: NodeID = uuid.flatMap { StableIdentifier.fromUUID($0) } ?? StableIdentifier.make("node", hint.manageHostname)
            nodes[hint.manageHostname] = Node(
                id: id, cluster: clusters[hint.group]!.id, zone: hint.zone, manageHostname: hint.manageHostname,
                storageHostname: hint.storageHostname, tags: hint.tags)
        }
        return nodes
    }

    struct DeviceKey: Hashable {
        var host: String
        var name: String
    }

    /// LVM devices from `vg_<id>` volume groups, named as the documents name them when a documented path leads to
    /// the physical volume; directory devices from the probed paths that are mounted directories, each as large as
    /// its filesystem (as device set-up records it). `used` starts at zero and grows with each brick.
    private static func devices(
        _ observed: ObservedState, hints: RecoveryHints, nodes: [String: Node], probes: [String: [String: ProbedPath]]
    ) -> [DeviceKey: Device] {
        var devices: [DeviceKey: Device] = [:]
        for hint in hints.nodes {
            guard let node = nodes[hint.manageHostname], let seen = observed.node(hint.manageHostname) else { continue }
            let probed = probes[hint.manageHostname] ?? [:]
            func leadsTo(_ path: String) -> String { probed[path]?.resolved ?? path }
            var lvmNames: Set<String> = []
            for group in seen.volumeGroups {
                guard let id = BrickLocation.LVM.device(inVolumeGroup: group.name) else { continue }
                let physical = seen.physicalVolumes.filter { $0.volumeGroup == group.name }.map(\.name).sorted().first ?? group.name
                let name = hint.devices.keys.sorted().first { $0 == physical || leadsTo($0) == leadsTo(physical) } ?? physical
                lvmNames.insert(name)
                devices[DeviceKey(host: hint.manageHostname, name: name)] = Device(
                    id: id, node: node.id, name: name, tags: hint.devices[name] ?? [:], total: ByteCount(bytes: group.size),
                    backend: .lvm, sizeEnforced: true)
            }
            for (path, answer) in probed where !lvmNames.contains(path) {
                guard let size = answer.filesystemSize else { continue }
                devices[DeviceKey(host: hint.manageHostname, name: path)] = Device(
                    id: StableIdentifier.make("device", hint.manageHostname, path), node: node.id, name: path,
                    tags: hint.devices[path] ?? [:], total: size, backend: .directory, sizeEnforced: false)
            }
        }
        return devices
    }
}

extension ObservedState {
    func node(_ host: String) -> ObservedState.Node? {
        self.nodes.first { $0.host == host }
    }
}
