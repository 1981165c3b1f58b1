import Planning
import ReconcilePlanning
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

    /// A device the store believes larger than the node reports overstates its room: a shrunk volume group, or a
    /// directory device whose filesystem is smaller than recorded. Its bricks decide the remedy.
    @Test func aDeviceRecordedLargerThanTheNodeReportsIsOverstated() {
        let (stored, _) = Self.stored()
        var topology = stored
        var observed = Self.healthy()
        // m1: the volume group shrank to 60 GiB; its 1 GiB brick still fits, so a resync is the remedy.
        var lvm = topology.devices[DeviceID(high: 3, low: 1)]!
        lvm.used = .gibibytes(1)
        topology.insert(lvm)
        observed.nodes[0].volumeGroups[0].size = 60 << 30
        // m2: a directory device recorded as 6.9 GiB on a filesystem of 3.94 GiB whose bricks reserve 3.02 GiB;
        // one recorded as less than its filesystem (an earlier set-up's free space) is not drift.
        let node = NodeID(high: 2, low: 2)
        let recorded = ByteCount(bytes: 7_431_389_184)
        let filesystem: Int64 = 1_032_192 * 4096
        topology.insert(
            Device(
                id: DeviceID(high: 3, low: 20), node: node, name: "/srv/d1", total: recorded, used: .mebibytes(3096),
                backend: .directory, sizeEnforced: false))
        topology.insert(
            Device(
                id: DeviceID(high: 3, low: 21), node: node, name: "/srv/d2", total: .mebibytes(3971),
                backend: .directory, sizeEnforced: false))
        // m3: a directory device whose bricks reserve more than its filesystem holds.
        topology.insert(
            Device(
                id: DeviceID(high: 3, low: 30), node: NodeID(high: 2, low: 3), name: "/srv/d1", total: .gibibytes(8),
                used: .gibibytes(5), backend: .directory, sizeEnforced: false))
        observed.nodes[1].directoryFilesystems = [
            .init(path: "/srv/d1", size: filesystem, free: filesystem - (1 << 20)),
            .init(path: "/srv/d2", size: filesystem, free: filesystem),
        ]
        observed.nodes[2].directoryFilesystems = [.init(path: "/srv/d1", size: 4 << 30, free: 4 << 30)]
        let findings = DriftDetector.findings(observed: observed, topology: topology)
        #expect(findings.map(\.kind) == [.deviceSizeOverstated, .deviceSizeOverstated, .deviceSizeOverstated])
        #expect(findings.map(\.subject) == ["m1:/dev/sdb", "m2:/srv/d1", "m3:/srv/d1"])
        #expect(findings.allSatisfy { $0.heal == nil })
        #expect(
            findings.map(\.message) == [
                "the store records 100 GiB (107374182400 bytes), the volume group holds 60 GiB (64424509440 bytes); resync the device",
                "the store records 6.92 GiB (7431389184 bytes), the filesystem holds 3.94 GiB (4227858432 bytes); resync the device",
                "the store records 8 GiB (8589934592 bytes), the filesystem holds 4 GiB (4294967296 bytes); its bricks reserve 5 GiB, more than that: disable the device so no brick is placed there",
            ])
        // Recorded as large as the filesystem: nothing to report.
        var exact = topology.devices[DeviceID(high: 3, low: 20)]!
        exact.total = ByteCount(bytes: filesystem)
        topology.insert(exact)
        #expect(!DriftDetector.findings(observed: observed, topology: topology).map(\.subject).contains("m2:/srv/d1"))
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
