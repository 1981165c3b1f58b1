import Planning
public import StorageModel

/// Compares the store's complete volumes, nodes and devices with an observation of the nodes: pure.
///
/// Only what Brickyard owns is judged: its volumes by name, their options as stored, their bricks by
/// `host:path`; volumes on the pool that no stored volume accounts for are reported, never touched.
public enum DriftDetector {
    public static func findings(observed: ObservedState, topology: Topology) -> [DriftFinding] {
        var findings: [DriftFinding] = []
        let nodesByHost = Dictionary(
            topology.nodes.values.map { ($0.manageHostname, $0) }, uniquingKeysWith: { first, _ in first })
        for node in observed.nodes where !node.errors.isEmpty {
            if node.errors.contains(where: { $0.hasPrefix("peers:") }) {
                findings.append(
                    DriftFinding(kind: .nodeUnreachable, subject: node.host, message: node.errors.joined(separator: "; ")))
            }
        }
        findings += self.peers(observed, nodesByHost: nodesByHost, topology: topology)
        findings += self.volumes(observed, topology: topology)
        findings += self.devices(observed, topology: topology)
        return findings.sorted { ($0.kind.rawValue, $0.subject) < ($1.kind.rawValue, $1.subject) }
    }

    /// A stored node some other node's glusterd sees as disconnected: re-probed from that node.
    private static func peers(
        _ observed: ObservedState, nodesByHost: [String: Node], topology: Topology
    ) -> [DriftFinding] {
        var findings: [DriftFinding] = []
        var reported: Set<String> = []
        let byStorageHost = Dictionary(
            topology.nodes.values.map { ($0.storageHostname, $0) }, uniquingKeysWith: { first, _ in first })
        for node in observed.nodes {
            for peer in node.peers where !peer.connected {
                guard let stored = byStorageHost[peer.hostname] ?? nodesByHost[peer.hostname],
                    reported.insert(stored.manageHostname).inserted
                else { continue }
                findings.append(
                    DriftFinding(
                        kind: .peerDisconnected, subject: stored.manageHostname,
                        message: "\(node.host) sees it as \(peer.state)", heal: .probePeer(node: stored.id)))
            }
        }
        return findings
    }

    private static func volumes(_ observed: ObservedState, topology: Topology) -> [DriftFinding] {
        guard observed.volumesFrom != nil else { return [] }
        var findings: [DriftFinding] = []
        let observedByName = Dictionary(observed.volumes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var accounted: Set<String> = []
        for volume in topology.volumes.values.sorted(by: { $0.name < $1.name }) {
            accounted.insert(volume.name)
            guard let seen = observedByName[volume.name] else {
                findings.append(
                    DriftFinding(kind: .volumeMissing, subject: volume.name, message: "no gluster volume of this name"))
                continue
            }
            if seen.status != "started" {
                findings.append(
                    DriftFinding(
                        kind: .volumeStopped, subject: volume.name, message: "gluster reports it \(seen.status)",
                        heal: .startVolume(volume: volume.id)))
            }
            // What was asked for, and what Brickyard records on the volume (its id and size).
            var latest: [String: String] = [:]
            for option in VolumePlanner.options(of: volume) { latest[option.key] = option.value }
            let changed = latest.keys.sorted().filter { seen.options[$0] != latest[$0] }
            if !changed.isEmpty {
                let options = changed.map { VolumeOption(key: $0, value: latest[$0] ?? "") }
                findings.append(
                    DriftFinding(
                        kind: .optionChanged, subject: volume.name,
                        message: changed.map { "\($0) is \(seen.options[$0] ?? "unset"), set \(latest[$0] ?? "")" }
                            .joined(separator: "; "),
                        heal: .setOptions(volume: volume.id, options: options)))
            }
            let seenBricks = Dictionary(seen.bricks.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            for brick in volume.brickSets.joined().compactMap({ topology.bricks[$0] }) {
                guard let host = topology.nodes[brick.node]?.storageHostname else { continue }
                let address = "\(host):\(brick.path)"
                if let seenBrick = seenBricks[address] {
                    if seen.status == "started", seenBrick.online == false {
                        findings.append(DriftFinding(kind: .brickOffline, subject: volume.name, message: "\(address) is offline"))
                    }
                } else {
                    findings.append(
                        DriftFinding(kind: .brickMissing, subject: volume.name, message: "\(address) is not in the gluster volume"))
                }
            }
        }
        for seen in observed.volumes where !accounted.contains(seen.name) {
            findings.append(
                DriftFinding(
                    kind: .volumeUnknown, subject: seen.name,
                    message: seen.heketiID.map { "carries user.heketi.id \($0), which the store does not know" }
                        ?? "not made by Brickyard (left alone)"))
        }
        return findings
    }

    /// A device whose size on the node is not what the store records. Smaller (a volume group shrunk, a directory
    /// device's filesystem smaller than recorded) overstates its room, so placement may promise space it lacks; a
    /// grown volume group is room not yet used. A resync is the remedy, which an administrator asks for. A directory
    /// device is judged only when its filesystem is smaller: a larger one is room left unused, and a device set up
    /// by an earlier Brickyard recorded the filesystem's free space, a little less than its size.
    private static func devices(_ observed: ObservedState, topology: Topology) -> [DriftFinding] {
        var findings: [DriftFinding] = []
        for node in observed.nodes {
            let groups = Dictionary(node.volumeGroups.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let filesystems = Dictionary(
                node.directoryFilesystems.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            guard let stored = topology.nodes.values.first(where: { $0.manageHostname == node.host }) else { continue }
            for device in topology.devices(on: stored.id) {
                let subject = "\(node.host):\(device.name)"
                switch device.backend {
                case .lvm:
                    guard let group = groups[BrickLocation.LVM.volumeGroup(of: device.id)],
                        group.size != device.total.bytes
                    else { continue }
                    if group.size < device.total.bytes {
                        findings.append(
                            Self.overstated(device, subject: subject, holder: "volume group", holds: group.size))
                    } else {
                        findings.append(
                            DriftFinding(
                                kind: .deviceSizeChanged, subject: subject,
                                message: "volume group is \(group.size) bytes, the store says \(device.total.bytes); resync the device"))
                    }
                case .directory:
                    guard let filesystem = filesystems[device.name], filesystem.size < device.total.bytes else {
                        continue
                    }
                    findings.append(
                        Self.overstated(device, subject: subject, holder: "filesystem", holds: filesystem.size))
                }
            }
        }
        return findings
    }

    /// The finding for a device the store believes larger than it is, with what its bricks reserve: a resync
    /// records the real size only when they fit in it.
    private static func overstated(
        _ device: Device, subject: String, holder: String, holds bytes: Int64
    ) -> DriftFinding {
        let holds = ByteCount(bytes: bytes)
        let remedy =
            device.used <= holds
            ? "resync the device"
            : "its bricks reserve \(device.used), more than that: disable the device so no brick is placed there"
        return DriftFinding(
            kind: .deviceSizeOverstated, subject: subject,
            message: "the store records \(device.total) (\(device.total.bytes) bytes), "
                + "the \(holder) holds \(holds) (\(bytes) bytes); \(remedy)")
    }
}
