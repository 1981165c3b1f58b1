public import StorageModel

/// Where one object stands, as `brickyard status` reports it (Kubernetes' condition vocabulary): Ready when it is
/// as asked, Progressing while an operation changes it, Degraded when something is wrong, with why.
public struct ObjectStatus: Hashable, Sendable, Codable {
    /// The condition vocabulary claims use too.
    public typealias Phase = StatusCondition.Kind

    /// `volume`, `node` or `device`.
    public var kind: String
    public var name: String
    public var id: String
    public var phase: Phase
    /// A CamelCase reason, empty when Ready.
    public var reason: String
    public var message: String

    public init(kind: String, name: String, id: String, phase: Phase, reason: String = "", message: String = "") {
        self.kind = kind
        self.name = name
        self.id = id
        self.phase = phase
        self.reason = reason
        self.message = message
    }
}

/// Builds the status of every volume, node and device from the store (pending markers say what operations are
/// changing) and, when the nodes were observed, from the drift found there. Pure.
public enum StatusReport {
    public static func build(
        topology: Topology, pending: Set<String>, findings: [DriftFinding]?
    ) -> [ObjectStatus] {
        var statuses: [ObjectStatus] = []
        let bySubject = Dictionary(grouping: findings ?? [], by: \.subject)
        for node in topology.nodes.values.sorted(by: { $0.manageHostname < $1.manageHostname }) {
            var status = ObjectStatus(kind: "node", name: node.manageHostname, id: node.id.description, phase: .ready)
            if pending.contains(node.id.description) {
                status.phase = .progressing
                status.reason = "OperationInProgress"
            } else if node.state != .online {
                status.phase = .degraded
                status.reason = node.state == .failed ? "NodeFailed" : "NodeOffline"
                status.message = "the node is \(node.state.rawValue)"
            } else if let finding = bySubject[node.manageHostname]?.first(where: { [.peerDisconnected, .nodeUnreachable].contains($0.kind) }) {
                status.phase = .degraded
                status.reason = finding.kind == .nodeUnreachable ? "NodeUnreachable" : "PeerDisconnected"
                status.message = finding.message
            }
            statuses.append(status)
            for device in topology.devices(on: node.id) {
                let subject = "\(node.manageHostname):\(device.name)"
                var deviceStatus = ObjectStatus(kind: "device", name: subject, id: device.id.description, phase: .ready)
                if pending.contains(device.id.description) {
                    deviceStatus.phase = .progressing
                    deviceStatus.reason = "OperationInProgress"
                } else if device.state != .online {
                    deviceStatus.phase = .degraded
                    deviceStatus.reason = device.state == .failed ? "DeviceFailed" : "DeviceOffline"
                    deviceStatus.message = "the device is \(device.state.rawValue)"
                } else if let finding = bySubject[subject]?.first(where: { $0.kind == .deviceSizeOverstated })
                    ?? bySubject[subject]?.first(where: { $0.kind == .deviceSizeChanged })
                {
                    deviceStatus.phase = .degraded
                    deviceStatus.reason = finding.kind == .deviceSizeOverstated ? "SizeOverstated" : "SizeChanged"
                    deviceStatus.message = finding.message
                }
                statuses.append(deviceStatus)
            }
        }
        for volume in topology.volumes.values.sorted(by: { $0.name < $1.name }) {
            var status = ObjectStatus(kind: "volume", name: volume.name, id: volume.id.description, phase: .ready)
            let problems = (bySubject[volume.name] ?? []).filter { $0.kind != .volumeUnknown }
            if pending.contains(volume.id.description) {
                status.phase = .progressing
                status.reason = "OperationInProgress"
            } else if let first = problems.first {
                status.phase = .degraded
                status.reason = Self.reason(first.kind)
                status.message = problems.map(\.message).joined(separator: "; ")
            }
            statuses.append(status)
        }
        return statuses
    }

    static func reason(_ kind: DriftFinding.Kind) -> String {
        kind.rawValue.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
