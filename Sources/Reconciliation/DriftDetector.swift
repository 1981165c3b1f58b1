import Engine
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

    /// An LVM device whose volume group no longer has the size the store records (grown or shrunk): a resync is
    /// the remedy, which an administrator asks for.
    private static func devices(_ observed: ObservedState, topology: Topology) -> [DriftFinding] {
        var findings: [DriftFinding] = []
        for node in observed.nodes {
            let groups = Dictionary(node.volumeGroups.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            guard let stored = topology.nodes.values.first(where: { $0.manageHostname == node.host }) else { continue }
            for device in topology.devices(on: stored.id) where device.backend == .lvm {
                guard let group = groups["vg_\(device.id)"], group.size != device.total.bytes else { continue }
                findings.append(
                    DriftFinding(
                        kind: .deviceSizeChanged, subject: "\(node.host):\(device.name)",
                        message: "volume group is \(group.size) bytes, the store says \(device.total.bytes); resync the device"))
            }
        }
        return findings
    }
}
