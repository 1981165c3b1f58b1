import Planning
import ReconcilePlanning
import StorageModel
import Testing

@Suite struct StatusReportTests {
    @Test func everythingAsAskedIsReady() {
        let (topology, _) = DriftDetectorTests.stored()
        let statuses = StatusReport.build(topology: topology, pending: [], findings: [])
        #expect(statuses.map(\.kind) == ["node", "device", "node", "device", "node", "device", "volume"])
        #expect(statuses.allSatisfy { $0.phase == .ready && $0.reason.isEmpty })
        #expect(statuses.last?.name == "vol")
    }

    @Test func pendingOperationsDriftAndStatesShowUp() {
        let (stored, volume) = DriftDetectorTests.stored()
        var topology = stored
        var node = topology.nodes[NodeID(high: 2, low: 2)]!
        node.state = .offline
        topology.insert(node)
        let findings = [
            DriftFinding(kind: .volumeStopped, subject: "vol", message: "gluster reports it stopped", heal: .startVolume(volume: volume.id)),
            DriftFinding(kind: .deviceSizeChanged, subject: "m3:/dev/sdb", message: "volume group grew"),
            DriftFinding(kind: .volumeUnknown, subject: "hand-made", message: "not made by Brickyard"),
        ]
        let statuses = StatusReport.build(
            topology: topology, pending: [NodeID(high: 2, low: 1).description], findings: findings)
        let byName = Dictionary(uniqueKeysWithValues: statuses.map { ($0.name, $0) })
        #expect(byName["m1"]?.phase == .progressing)
        #expect(byName["m1"]?.reason == "OperationInProgress")
        #expect(byName["m2"]?.phase == .degraded)
        #expect(byName["m2"]?.reason == "NodeOffline")
        #expect(byName["m3:/dev/sdb"]?.reason == "SizeChanged")
        #expect(byName["vol"]?.phase == .degraded)
        #expect(byName["vol"]?.reason == "VolumeStopped")
        #expect(byName["vol"]?.message == "gluster reports it stopped")
        #expect(byName["hand-made"] == nil)
    }

    /// A device the store believes larger than the node reports is Degraded, with why and the remedy; an
    /// overstated size outranks a mere change.
    @Test func anOverstatedDeviceIsDegraded() {
        let (topology, _) = DriftDetectorTests.stored()
        let message = "the store records 100 GiB (107374182400 bytes), the volume group holds 60 GiB (64424509440 bytes); resync the device"
        let findings = [
            DriftFinding(kind: .deviceSizeChanged, subject: "m2:/dev/sdb", message: "volume group is bigger"),
            DriftFinding(kind: .deviceSizeOverstated, subject: "m2:/dev/sdb", message: message),
        ]
        let statuses = StatusReport.build(topology: topology, pending: [], findings: findings)
        let device = statuses.first { $0.name == "m2:/dev/sdb" }
        #expect(device?.phase == .degraded)
        #expect(device?.reason == "SizeOverstated")
        #expect(device?.message == message)
        #expect(statuses.filter { $0.phase != .ready }.count == 1)
    }
}
