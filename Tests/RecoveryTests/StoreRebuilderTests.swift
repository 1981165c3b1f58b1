import HeketiImport
import Recovery
import StorageModel
import Testing

/// Recovery from synthetic observations: Heketi's LVM layout, the directory backend, and every refusal.
@Suite struct StoreRebuilderTests {
    static let hosts = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
    static let uuids = [
        "11111111-2222-3333-4444-555555555501", "11111111-2222-3333-4444-555555555502",
        "11111111-2222-3333-4444-555555555503",
    ]
    static let volumeID = "0123456789abcdef0123456789abcdef"
    static func device(_ index: Int) -> String { String(repeating: "d", count: 31) + String(index) }
    static func brick(_ index: Int) -> String { String(repeating: "b", count: 31) + String(index, radix: 16) }
    static let gib: Int64 = 1 << 30

    var hints: RecoveryHints {
        RecoveryHints(
            nodes: Self.hosts.enumerated().map { index, host in
                RecoveryHints.Node(manageHostname: host, zone: index + 1, devices: ["/dev/sdb": ["ssd": "yes"]])
            },
            clusterID: try? ClusterID(parsing: "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"), mountRoot: BrickLocation.heketiMountRoot)
    }

    /// Three nodes, each with one Heketi volume group, and a replica-3 volume of 10 GiB made by Heketi (no size
    /// option; snapshots at 1.5).
    func heketiCluster() -> ObservedState {
        var state = ObservedState(volumesFrom: Self.hosts[0])
        for (index, host) in Self.hosts.enumerated() {
            var node = ObservedState.Node(host: host)
            node.uuid = Self.uuids[index]
            let group = "vg_\(Self.device(index))"
            node.physicalVolumes = [.init(name: "/dev/sdb", volumeGroup: group, size: 100 * Self.gib, free: 80 * Self.gib)]
            node.volumeGroups = [.init(name: group, size: 100 * Self.gib, free: 80 * Self.gib)]
            node.logicalVolumes = [
                .init(name: "brick_\(Self.brick(index))", volumeGroup: group, size: 10 * Self.gib, pool: "tp_\(Self.brick(index))"),
                .init(name: "tp_\(Self.brick(index))", volumeGroup: group, size: 15 * Self.gib, pool: ""),
            ]
            state.nodes.append(node)
        }
        state.volumes = [
            ObservedState.Volume(
                name: "vol_\(Self.volumeID)", id: "gluster-uuid", status: "started", type: "Replicate",
                bricks: (0..<3).map {
                    .init(
                        address: "\(Self.hosts[$0]):/var/lib/heketi/mounts/vg_\(Self.device($0))/brick_\(Self.brick($0))/brick",
                        online: true, port: 49152, hostUUID: Self.uuids[$0])
                },
                options: [
                    "user.heketi.id": Self.volumeID, "performance.quick-read": "off", "nfs.disable": "on",
                    "transport.address-family": "inet",
                ],
                heketiID: Self.volumeID, durability: .replicate(3))
        ]
        return state
    }

    @Test func heketisLVMLayoutBecomesTheSameVolumeWithItsIds() throws {
        let result = try StoreRebuilder.rebuild(observed: self.heketiCluster(), hints: self.hints, probes: [:])
        #expect(result.clusters.map(\.id.description) == ["c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"])
        #expect(result.nodes.map(\.id.description) == Self.uuids.map { $0.replacingDashes() })
        #expect(result.nodes.map(\.zone) == [1, 2, 3])
        #expect(result.devices.map(\.id.description).sorted() == (0..<3).map(Self.device))
        #expect(result.devices.allSatisfy { $0.name == "/dev/sdb" && $0.backend == .lvm && $0.total.bytes == 100 * Self.gib })
        #expect(result.devices.allSatisfy { $0.tags == ["ssd": "yes"] })
        let volume = try #require(result.volumes.first)
        #expect(volume.id.description == Self.volumeID)
        #expect(volume.size == .gibibytes(10))
        #expect(volume.durability == .replicate(3))
        #expect(volume.snapshot == SnapshotSettings(unchecked: true, factor: 1.5))
        #expect(volume.brickSets.map { $0.map(\.description) } == [(0..<3).map(Self.brick)])
        // Gluster's own defaults and the identity option are not the volume's options.
        #expect(volume.options == [VolumeOption(key: "performance.quick-read", value: "off")])
        #expect(result.bricks.allSatisfy { $0.size == .gibibytes(10) && $0.reserved > .gibibytes(15) })
        for device in result.devices {
            let reserved = result.bricks.filter { $0.device == device.id }.map(\.reserved).reduce(.zero, +)
            #expect(device.used == reserved)
        }
        #expect(result.notes.map(\.description).contains { $0.contains("no user.brickyard.size option") })
    }

    @Test func theRecordedSizeWinsOverTheBricks() throws {
        var observed = self.heketiCluster()
        observed.volumes[0].options["user.brickyard.size"] = String(9 * Self.gib + 512 << 20)
        let result = try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
        #expect(result.volumes.first?.size == ByteCount(bytes: 9 * Self.gib + 512 << 20))
        #expect(!result.notes.contains { $0.description.contains("size") })
    }

    /// A size recorded before an expansion whose bricks joined: the bricks are what the volume is.
    @Test func bricksHoldingMoreThanTheRecordedSizeWin() throws {
        var observed = self.heketiCluster()
        observed.volumes[0].options["user.brickyard.size"] = String(5 * Self.gib)
        let result = try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
        #expect(result.volumes.first?.size == .gibibytes(10))
        #expect(result.notes.map(\.description).contains { $0.contains("its bricks hold") })
    }

    @Test func aVolumeWithoutAnIdIsLeftOutWithANote() throws {
        var observed = self.heketiCluster()
        observed.volumes.append(
            ObservedState.Volume(name: "by-hand", id: "x", status: "started", type: "Distribute", bricks: [], options: [:], heketiID: nil))
        let result = try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
        #expect(result.volumes.map(\.name) == ["vol_\(Self.volumeID)"])
        #expect(result.notes.map(\.description).contains { $0.contains("by-hand carries no user.heketi.id") })
    }

    /// Directory devices: an arbiter volume with its size recorded; sizes spread over the sets, the arbiter
    /// brick marked, and each device as large as its filesystem.
    @Test func directoryBricksAreSizedFromTheRecordedSize() throws {
        var observed = ObservedState(volumesFrom: Self.hosts[0])
        observed.nodes = Self.hosts.map { ObservedState.Node(host: $0) }
        let bricks = (0..<6).map { index in
            ObservedState.Brick(
                address: "\(Self.hosts[index % 3]):/srv/d1/brick_\(Self.brick(index))/brick", online: true, port: 1,
                isArbiter: index % 3 == 2)
        }
        observed.volumes = [
            ObservedState.Volume(
                name: "app", id: "g", status: "started", type: "Distributed-Replicate", bricks: bricks,
                options: ["user.heketi.id": Self.volumeID, "user.brickyard.size": String(4 * Self.gib)],
                heketiID: Self.volumeID, durability: .arbiter)
        ]
        var hints = self.hints
        hints.nodes = Self.hosts.map { RecoveryHints.Node(manageHostname: $0, devices: ["/srv/d1": [:], "/srv/d2": [:]]) }
        hints.volumes = ["app": RecoveryHints.Volume(gid: 2000, snapshot: .disabled)]
        let candidates = StoreRebuilder.probeCandidates(observed: observed, hints: hints)
        #expect(candidates == Dictionary(uniqueKeysWithValues: Self.hosts.map { ($0, ["/srv/d1", "/srv/d2"]) }))
        let probes = Dictionary(
            uniqueKeysWithValues: Self.hosts.map {
                (
                    $0,
                    [
                        "/srv/d1": ProbedPath(resolved: "/srv/d1", filesystemSize: .gibibytes(50)),
                        "/srv/d2": ProbedPath(resolved: "/srv/d2", filesystemSize: .gibibytes(60)),
                    ]
                )
            })
        let result = try StoreRebuilder.rebuild(observed: observed, hints: hints, probes: probes)
        let volume = try #require(result.volumes.first)
        #expect(volume.size == .gibibytes(4))
        #expect(volume.gid == 2000)
        #expect(volume.brickSets.count == 2)
        // Data bricks share the size; an arbiter holds a KiB per 64 KiB file of its data brick.
        #expect(result.bricks.filter { $0.role == .data }.allSatisfy { $0.size == .gibibytes(2) })
        #expect(result.bricks.filter { $0.role == .arbiter }.map(\.size) == [.mebibytes(32), .mebibytes(32)])
        #expect(result.devices.count == 6)
        for device in result.devices {
            #expect(device.backend == .directory && !device.sizeEnforced)
            #expect(device.total == (device.name == "/srv/d1" ? .gibibytes(50) : .gibibytes(60)))
        }
        #expect(result.devices.filter { $0.name == "/srv/d1" }.allSatisfy { $0.used > .zero })
        #expect(result.devices.filter { $0.name == "/srv/d2" }.allSatisfy { $0.used == .zero })
    }

    /// `count` replica-3 volumes of 1 GiB on each node's `/srv/d1`, their sizes recorded, and what the nodes say
    /// of `/srv/d1`: a mounted filesystem of `filesystem`.
    static func directoryVolumes(_ count: Int, filesystem: ByteCount) -> (ObservedState, RecoveryHints, [String: [String: ProbedPath]]) {
        var observed = ObservedState(volumesFrom: Self.hosts[0])
        observed.nodes = Self.hosts.map { ObservedState.Node(host: $0) }
        observed.volumes = (0..<count).map { volume in
            let id = String(repeating: "a", count: 31) + String(volume, radix: 16)
            return ObservedState.Volume(
                name: "vol\(volume)", id: "g\(volume)", status: "started", type: "Replicate",
                bricks: Self.hosts.enumerated().map { node, host in
                    ObservedState.Brick(
                        address: "\(host):/srv/d1/brick_\(Self.brick(volume * 3 + node))/brick", online: true, port: 1)
                },
                options: ["user.heketi.id": id, "user.brickyard.size": String(Self.gib)], heketiID: id,
                durability: .replicate(3))
        }
        let hints = RecoveryHints(nodes: Self.hosts.map { RecoveryHints.Node(manageHostname: $0, devices: ["/srv/d1": [:]]) },
            mountRoot: BrickLocation.heketiMountRoot)
        let probes = Dictionary(
            uniqueKeysWithValues: Self.hosts.map { ($0, ["/srv/d1": ProbedPath(resolved: "/srv/d1", filesystemSize: filesystem)]) })
        return (observed, hints, probes)
    }

    /// A directory device comes back as large as its filesystem, however much its bricks reserve: counting their
    /// space on top of the free space made a 4 GiB filesystem holding three bricks come back as 6.9 GiB.
    @Test func aDirectoryDeviceIsAsLargeAsItsFilesystemWhateverItsBricksReserve() throws {
        // What `stat -f` reports for the testbed's 4G image: 1,032,192 blocks of 4 KiB.
        let filesystem = ByteCount(bytes: 1_032_192 * 4096)
        for count in 0...3 {
            let (observed, hints, probes) = Self.directoryVolumes(count, filesystem: filesystem)
            let result = try StoreRebuilder.rebuild(observed: observed, hints: hints, probes: probes)
            #expect(result.devices.count == 3)
            for device in result.devices {
                #expect(device.total == filesystem, "\(count) volumes")
                // A 1 GiB brick reserves its thin pool and 8 MiB of pool metadata.
                #expect(device.used == .mebibytes(1032 * Int64(count)))
                #expect(device.used == result.bricks.filter { $0.device == device.id }.map(\.reserved).reduce(.zero, +))
            }
            #expect(!result.notes.contains { $0.description.contains("the filesystem holds") })
        }
    }

    /// Bricks that reserve more than their filesystem holds (a store that over-committed the device) are recorded
    /// as found, with a note per device.
    @Test func bricksReservingMoreThanTheFilesystemHoldsAreNoted() throws {
        let (observed, hints, probes) = Self.directoryVolumes(3, filesystem: .gibibytes(2))
        let result = try StoreRebuilder.rebuild(observed: observed, hints: hints, probes: probes)
        #expect(result.devices.allSatisfy { $0.total == .gibibytes(2) && $0.used > $0.total })
        let notes = result.notes.map(\.description).filter { $0.contains("the filesystem holds 2 GiB") }
        #expect(notes.count == 3)
        #expect(notes.first?.contains("device \(Self.hosts[0]):/srv/d1: its bricks reserve 3.02 GiB") == true, "\(notes)")
    }

    /// The documents name disks by a stable link; LVM reports the kernel name. The device keeps the documents' name
    /// (and tags), so a plan does not ask to set the disk up again.
    @Test func aDocumentedLinkToThePhysicalVolumeKeepsItsName() throws {
        var hints = self.hints
        for index in hints.nodes.indices { hints.nodes[index].devices = ["/dev/disk/by-id/wwn-\(index)": ["ssd": "yes"]] }
        let probes = Dictionary(
            uniqueKeysWithValues: Self.hosts.enumerated().map { index, host in
                (
                    host,
                    [
                        "/dev/disk/by-id/wwn-\(index)": ProbedPath(resolved: "/dev/sdb", filesystemSize: nil),
                        "/dev/sdb": ProbedPath(resolved: "/dev/sdb", filesystemSize: nil),
                    ]
                )
            })
        #expect(StoreRebuilder.probeCandidates(observed: self.heketiCluster(), hints: hints)[Self.hosts[0]] == ["/dev/disk/by-id/wwn-0", "/dev/sdb"])
        let result = try StoreRebuilder.rebuild(observed: self.heketiCluster(), hints: hints, probes: probes)
        #expect(result.devices.map(\.name).sorted() == (0..<3).map { "/dev/disk/by-id/wwn-\($0)" })
        #expect(result.devices.allSatisfy { $0.tags == ["ssd": "yes"] && $0.backend == .lvm })
    }

    @Test func aBrickLogicalVolumeNoVolumeUsesStaysReserved() throws {
        var observed = self.heketiCluster()
        let stray = String(repeating: "e", count: 32)
        observed.nodes[0].logicalVolumes += [
            .init(name: "brick_\(stray)", volumeGroup: "vg_\(Self.device(0))", size: 2 * Self.gib, pool: "tp_\(stray)"),
            .init(name: "tp_\(stray)", volumeGroup: "vg_\(Self.device(0))", size: 3 * Self.gib, pool: ""),
        ]
        let result = try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
        let first = try #require(result.devices.first { $0.id.description == Self.device(0) })
        let second = try #require(result.devices.first { $0.id.description == Self.device(1) })
        #expect(first.used == second.used + .gibibytes(3))
        #expect(result.notes.map(\.description).contains { $0.contains("brick_\(stray) belongs to no gluster volume") })
    }

    @Test func recoveringTwiceGivesTheSameIds() throws {
        var observed = self.heketiCluster()
        for index in observed.nodes.indices { observed.nodes[index].uuid = nil }
        let first = try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
        let second = try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
        #expect(first == second)
        #expect(Set(first.nodes.map(\.id)).count == 3)
    }

    @Test func anUnreachableNodeStopsTheRecovery() {
        var observed = self.heketiCluster()
        observed.nodes[1].errors = ["peers: ssh: connect to host 10.0.0.2 port 22: Connection refused"]
        #expect(throws: RecoveryError.self) {
            try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
        }
        observed = self.heketiCluster()
        observed.volumesFrom = nil
        let error = #expect(throws: RecoveryError.self) {
            try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
        }
        #expect(error?.message.contains("gluster volume info") == true)
    }

    @Test func everyVolumeWithAnIdMustBeAccountedFor() {
        func refusal(_ change: (inout ObservedState) -> Void) -> String? {
            var observed = self.heketiCluster()
            change(&observed)
            do {
                _ = try StoreRebuilder.rebuild(observed: observed, hints: self.hints, probes: [:])
                return nil
            } catch {
                return error.message
            }
        }
        #expect(refusal {
            $0.volumes[0].bricks[1].address = "10.9.9.9:/var/lib/heketi/mounts/vg_x/brick_y/brick"
            $0.volumes[0].bricks[1].hostUUID = nil
        }?.contains("not among the nodes") == true)
        #expect(refusal { $0.nodes[2].logicalVolumes.removeAll() }?.contains("has no logical volume") == true)
        #expect(refusal { $0.nodes[0].volumeGroups.removeAll() }?.contains("does not have") == true)
        #expect(refusal { $0.volumes[0].heketiID = "not-an-id" }?.contains("32-digit") == true)
        #expect(refusal { $0.volumes[0].bricks.removeLast() }?.contains("not a whole number") == true)
        #expect(refusal { $0.volumes.append($0.volumes[0]); $0.volumes[1].name = "copy" }?.contains("both carry") == true)
        #expect(refusal {
            $0.volumes[0].bricks[0].address = "10.0.0.1:/srv/unmounted/brick_\(Self.brick(0))/brick"
        }?.contains("not a mounted directory") == true)
    }
}

extension String {
    func replacingDashes() -> String { self.filter { $0 != "-" } }
}
