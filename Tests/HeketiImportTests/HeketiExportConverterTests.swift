import Foundation
import HeketiImport
import StorageModel
import Testing

/// The recorded Heketi v10.4 export converts with every id, size, durability and set as Heketi built them.
@Suite struct HeketiExportConverterTests {
    static let cluster = "a1d51281e53dc49107afa6a7815efda0"
    static let node0 = "9a369746bb205ca525920707db88534b"
    static let node1 = "dbefd93f7946c016fabfa9bf8c9cce52"
    static let node2 = "ba17e752bfda4834e5ec02532f925792"
    static let disperse = "04f6cf0cdd43f2cf8174f0d10b9fbd47"
    static let distribute = "68d81e19df3dc2ca349f7c7291bf50c0"
    static let replicate = "9d2237cdefb5f7ed5b6432804040b486"

    func imported() throws -> ImportedTopology {
        try HeketiExportConverter.convert(try ExportFixture.data())
    }

    @Test func countsEveryKind() throws {
        let result = try self.imported()
        #expect(result.clusters.count == 1)
        #expect(result.nodes.count == 3)
        #expect(result.devices.count == 6)
        #expect(result.volumes.count == 3)
        #expect(result.bricks.count == 10)
        #expect(result.notes.isEmpty, "\(result.notes)")
    }

    @Test func keepsClusterAndNodes() throws {
        let result = try self.imported()
        let cluster = try #require(result.clusters.first)
        #expect(cluster.id.description == Self.cluster)
        #expect(cluster.allowsFileVolumes && !cluster.allowsBlockVolumes)
        let node = try #require(result.nodes.first { $0.id.description == Self.node2 })
        #expect(node.cluster == cluster.id)
        #expect(node.zone == 3)
        #expect(node.manageHostname == "gluster2.lab")
        #expect(node.storageHostname == "192.0.2.12")
        #expect(node.tags == ["rack": "r2"])
        #expect(node.state == .online)
    }

    /// Heketi's device storage figures are KiB: 524288000 KiB is 500 GiB; `used` follows the bricks.
    @Test func devicesAreLVMWithHeketiCapacity() throws {
        let topology = try self.imported().topology
        let device = try #require(topology.devices[try DeviceID(parsing: "29068edc8d9cdeb2589aec2cb48ceecb")])
        #expect(device.node.description == Self.node2)
        #expect(device.name == "/dev/sdc")
        #expect(device.tags == ["ssd": "no"])
        #expect(device.total == .gibibytes(500))
        #expect(device.used == .kibibytes(3_690_496))
        #expect(device.backend == .lvm && device.sizeEnforced)
        let empty = try #require(topology.devices[try DeviceID(parsing: "1970b3371f9a426bb41506f626409bd7")])
        #expect(empty.used == .zero && empty.total == .gibibytes(500))
    }

    @Test(arguments: [
        (disperse, Durability.disperse(data: 2, redundancy: 1), Int64(7), Int64(2002)),
        (distribute, .distribute, 3, 2001),
        (replicate, .replicate(3), 2, 2000),
    ])
    func volumeShapeAndSize(id: String, durability: Durability, gibibytes: Int64, gid: Int64) throws {
        let volume = try #require(try self.imported().volumes.first { $0.id.description == id })
        #expect(volume.durability == durability)
        #expect(volume.size == .gibibytes(gibibytes))
        #expect(volume.gid == gid)
        #expect(volume.name == "vol_\(id)")
        #expect(volume.cluster.description == Self.cluster)
        #expect(volume.snapshot == .disabled)
        // Heketi's blank pre/post-request options are dropped; the id option Heketi set on the volume is kept.
        #expect(volume.options == [VolumeOption(key: "user.heketi.id", value: id)])
    }

    /// Created at 4 GiB (three 2 GiB bricks), expanded by 3 GiB (three 1.5 GiB bricks): two sets, one per size,
    /// each spanning the three nodes in the order of Heketi's mount hosts.
    @Test func theExpandedVolumeHasTwoSetsBySize() throws {
        let result = try self.imported()
        let volume = try #require(result.volumes.first { $0.id.description == Self.disperse })
        #expect(
            volume.brickSets.map { $0.map(\.description) } == [
                [
                    "e0e174e4fb42c2634833918756c1a923", "80314ec6f684a5cd2530f03c8ed0f390",
                    "5c592b8b81bcd920dc981503f1d159ae",
                ],
                [
                    "3677d96047400f473e1e84eeab924376", "815910de9abdecfd7c0bf7f8f11f0f65",
                    "0ba37c4bb09616228f3b1bd3028be72b",
                ],
            ])
        let topology = result.topology
        let sets = topology.bricks(of: volume)
        #expect(sets.map { Set($0.map(\.size)) } == [[.gibibytes(2)], [.mebibytes(1536)]])
        #expect(sets.allSatisfy { set in set.map(\.node.description) == [Self.node0, Self.node2, Self.node1] })
    }

    @Test func replicaAndDistributeSets() throws {
        let volumes = try self.imported().volumes
        let replica = try #require(volumes.first { $0.id.description == Self.replicate })
        #expect(
            replica.brickSets.map { $0.map(\.description) } == [
                [
                    "037b335ac619d5a23b4666e949cd8588", "00bc274561e37bebb69bf455011ccb7c",
                    "3aa879c23db5f93c9ab86907b683f18a",
                ]
            ])
        let single = try #require(volumes.first { $0.id.description == Self.distribute })
        #expect(single.brickSets.map { $0.map(\.description) } == [["09f5dcc5aa80f171b8709956d5508315"]])
    }

    /// Brick sizes are KiB; `reserved` is the thin pool plus its metadata; the path is Heketi's, untouched.
    @Test func bricksKeepPathsAndSizes() throws {
        let bricks = try self.imported().bricks
        let brick = try #require(bricks.first { $0.id.description == "0ba37c4bb09616228f3b1bd3028be72b" })
        #expect(brick.volume.description == Self.disperse)
        #expect(brick.device.description == "7f219f04905ba21168e3e45a7883fcd8")
        #expect(brick.node.description == Self.node1)
        #expect(brick.role == .data)
        #expect(brick.size == .kibibytes(1_572_864))
        #expect(brick.reserved == .kibibytes(1_572_864 + 8192))
        #expect(
            brick.path
                == "/var/lib/heketi/mounts/vg_7f219f04905ba21168e3e45a7883fcd8/brick_0ba37c4bb09616228f3b1bd3028be72b/brick"
        )
        #expect(bricks.allSatisfy { $0.path.hasSuffix("/brick_\($0.id)/brick") })
    }

    @Test func userOptionsAreKeptInOrder() throws {
        let options = [
            "", "performance.read-ahead off", "user.heketi.id ffffffffffffffffffffffffffffffff", "cluster.x a b", "",
        ]
        let data = try ExportFixture.editing(["volumeentries", Self.replicate, "GlusterVolumeOptions"], to: options)
        let volume = try #require(
            try HeketiExportConverter.convert(data).volumes.first { $0.id.description == Self.replicate })
        #expect(
            volume.options.map(\.description) == [
                "performance.read-ahead off", "cluster.x a b", "user.heketi.id \(Self.replicate)",
            ])
    }
}
