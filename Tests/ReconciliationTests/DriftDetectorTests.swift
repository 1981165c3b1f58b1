import Engine
import Reconciliation
import StorageModel
import Testing

@Suite struct DriftDetectorTests {
    /// Three nodes, one LVM device each, one started replica-3 volume with an option, as stored.
    static func stored() -> (Topology, Volume) {
        var topology = Topology()
        let cluster = ClusterID(high: 1, low: 1)
        topology.insert(Cluster(id: cluster))
        var bricks: [BrickID] = []
        for index in 1...3 {
            let node = NodeID(high: 2, low: UInt64(index))
            topology.insert(Node(id: node, cluster: cluster, zone: index, manageHostname: "m\(index)", storageHostname: "s\(index)"))
            topology.insert(Device(id: DeviceID(high: 3, low: UInt64(index)), node: node, name: "/dev/sdb", total: .gibibytes(100)))
        }
        let volume = Volume(
            id: VolumeID(high: 4, low: 1), name: "vol", cluster: cluster, size: .gibibytes(1), durability: .replicate(3),
            options: [VolumeOption(key: "performance.readdir-ahead", value: "on")],
            brickSets: [(1...3).map { BrickID(high: 5, low: UInt64($0)) }])
        topology.insert(volume)
        for index in 1...3 {
            let brick = BrickID(high: 5, low: UInt64(index))
            bricks.append(brick)
            topology.insert(
                Brick(
                    id: brick, volume: volume.id, device: DeviceID(high: 3, low: UInt64(index)),
                    node: NodeID(high: 2, low: UInt64(index)), size: .gibibytes(1), reserved: .gibibytes(1),
                    path: "/bricks/\(index)/brick"))
        }
        return (topology, volume)
    }

    /// What the nodes report when everything is as Brickyard made it.
    static func healthy() -> ObservedState {
        var nodes: [ObservedState.Node] = []
        for index in 1...3 {
            var node = ObservedState.Node(host: "m\(index)")
            node.peers = (1...3).filter { $0 != index }.map {
                ObservedState.Peer(uuid: "u\($0)", hostname: "s\($0)", connected: true, state: "Peer in Cluster")
            }
            node.volumeGroups = [ObservedState.VolumeGroup(name: "vg_\(DeviceID(high: 3, low: UInt64(index)))", size: 100 << 30, free: 99 << 30)]
            nodes.append(node)
        }
        let volume = ObservedState.Volume(
            name: "vol", id: "g", status: "started", type: "Replicate",
            bricks: (1...3).map { ObservedState.Brick(address: "s\($0):/bricks/\($0)/brick", online: true, port: 49152) },
            options: [
                "performance.readdir-ahead": "on", "user.heketi.id": VolumeID(high: 4, low: 1).description,
                "user.brickyard.size": String(1 << 30),
            ], heketiID: VolumeID(high: 4, low: 1).description)
        return ObservedState(nodes: nodes, volumes: [volume], volumesFrom: "m1")
    }

    @Test func nothingDriftedMeansNoFindings() {
        let (topology, _) = Self.stored()
        #expect(DriftDetector.findings(observed: Self.healthy(), topology: topology).isEmpty)
    }

    /// A volume without its size recorded (an import from Heketi, a size step that failed) gets it set.
    @Test func aMissingSizeOptionIsSet() {
        let (topology, volume) = Self.stored()
        var observed = Self.healthy()
        observed.volumes[0].options["user.brickyard.size"] = nil
        let findings = DriftDetector.findings(observed: observed, topology: topology)
        #expect(findings.map(\.kind) == [.optionChanged])
        #expect(
            findings.first?.heal
                == .setOptions(volume: volume.id, options: [VolumeOption(key: "user.brickyard.size", value: String(1 << 30))]))
    }

    @Test func aStoppedVolumeAndAChangedOptionAreHealed() {
        let (topology, volume) = Self.stored()
        var observed = Self.healthy()
        observed.volumes[0].status = "stopped"
        observed.volumes[0].options["performance.readdir-ahead"] = "off"
        let findings = DriftDetector.findings(observed: observed, topology: topology)
        #expect(findings.map(\.kind) == [.optionChanged, .volumeStopped])
        #expect(findings.map(\.heal) == [
            .setOptions(volume: volume.id, options: [VolumeOption(key: "performance.readdir-ahead", value: "on")]),
            .startVolume(volume: volume.id),
        ])
        #expect(findings[0].message == "performance.readdir-ahead is off, set on")
    }

    @Test func aDisconnectedPeerIsReprobedOnce() {
        let (topology, _) = Self.stored()
        var observed = Self.healthy()
        observed.nodes[0].peers[1].connected = false
        observed.nodes[0].peers[1].state = "Peer in Cluster (Disconnected)"
        observed.nodes[1].peers[1].connected = false
        let findings = DriftDetector.findings(observed: observed, topology: topology)
        #expect(findings.map(\.kind) == [.peerDisconnected])
        #expect(findings.first?.heal == .probePeer(node: NodeID(high: 2, low: 3)))
    }

    /// What cannot be healed safely is reported only.
    @Test func missingBricksUnknownVolumesAndResizedDevicesAreReported() {
        let (topology, _) = Self.stored()
        var observed = Self.healthy()
        observed.volumes[0].bricks.removeLast()
        observed.volumes[0].bricks[0].online = false
        observed.volumes.append(
            ObservedState.Volume(name: "hand-made", id: "h", status: "started", type: "Distribute", bricks: [], options: [:], heketiID: nil))
        observed.nodes[1].volumeGroups[0].size = 200 << 30
        let findings = DriftDetector.findings(observed: observed, topology: topology)
        #expect(findings.map(\.kind) == [.brickMissing, .brickOffline, .deviceSizeChanged, .volumeUnknown])
        #expect(findings.allSatisfy { $0.heal == nil })
        #expect(findings.map(\.subject) == ["vol", "vol", "m2:/dev/sdb", "hand-made"])
    }

    @Test func aVolumeGoneFromThePoolIsMissingAndWithoutAnAnswerNothingIsJudged() {
        let (topology, _) = Self.stored()
        var observed = Self.healthy()
        observed.volumes = []
        #expect(DriftDetector.findings(observed: observed, topology: topology).map(\.kind) == [.volumeMissing])
        observed.volumesFrom = nil
        #expect(DriftDetector.findings(observed: observed, topology: topology).isEmpty)
    }
}
