import HeketiAPI
import StorageModel
import Testing

@Suite struct VolumeInfoResponseTests {
    typealias F = TopologyFixture

    func info(_ id: VolumeID, in topology: Topology = F.topology) throws -> VolumeInfoResponse {
        try #require(VolumeInfoResponse(volume: id, in: topology))
    }

    @Test func arbiterVolumeEncodesExactly() throws {
        let brick = { (id: UInt64, device: DeviceID, node: NodeID, size: Int) in
            #"{"device":"\#(device)","id":"\#(F.brickID(id))","node":"\#(node)","path":"/bricks/\#(String(id, radix: 16))/brick","size":\#(size),"volume":"\#(F.arbiter)"}"#
        }
        let expected = """
            {"blockinfo":{},"bricks":[\(brick(0xb23, F.d31, F.n3, 5_242_880)),\(brick(0xb21, F.d11, F.n1, 5_242_880)),\
            \(brick(0xb22, F.d21, F.n2, 16384))],\
            "cluster":"\(F.c1)","durability":{"disperse":{},"replicate":{"replica":3},"type":"replicate"},\
            "glustervolumeoptions":["performance.read-ahead off","user.heketi.arbiter true"],"id":"\(F.arbiter)",\
            "mount":{"glusterfs":{"device":"10.0.0.1:vol_arbiter","hosts":["10.0.0.1","10.0.0.2","10.0.0.3"],\
            "options":{"backup-volfile-servers":"10.0.0.2,10.0.0.3"}}},\
            "name":"vol_arbiter","size":5,"snapshot":{"enable":false,"factor":1}}
            """
        #expect(try jsonText(self.info(F.arbiter)) == expected)
    }

    @Test(arguments: [
        (F.replica3, #"{"disperse":{},"replicate":{"replica":3},"type":"replicate"}"#),
        (F.arbiter, #"{"disperse":{},"replicate":{"replica":3},"type":"replicate"}"#),
        (F.disperse, #"{"disperse":{"data":2,"redundancy":1},"replicate":{},"type":"disperse"}"#),
        (F.distribute, #"{"disperse":{},"replicate":{},"type":"none"}"#),
    ])
    func durabilityUsesHeketisShapes(volume: VolumeID, json: String) throws {
        #expect(try jsonText(self.info(volume).durability) == json)
    }

    @Test func snapshotAndGidAppearOnlyWhenSet() throws {
        let disperse = try self.info(F.disperse)
        #expect(try jsonText(disperse.snapshot) == #"{"enable":true,"factor":1.5}"#)
        #expect(disperse.gid == 2000)
        #expect(try !jsonText(self.info(F.replica3)).contains(#""gid""#))
    }

    @Test func sizesAreWholeGiBAndBrickKiB() throws {
        let plain = try self.info(F.distribute)
        #expect(plain.size == 3)
        #expect(plain.bricks.map(\.size) == [3 * 1_048_576])
        #expect(try self.info(F.arbiter).bricks.last?.size == 16384)
    }

    @Test func bricksFollowSetOrder() throws {
        #expect(try self.info(F.arbiter).bricks.map(\.id) == [0xb23, 0xb21, 0xb22].map { F.brickID($0).description })
        #expect(try self.info(F.replica3).bricks.map(\.node) == [F.n1, F.n2, F.n3].map(\.description))
    }

    @Test func aSingleHostHasNoBackupServers() throws {
        let mount = try self.info(F.distribute).mount.glusterfs
        #expect(mount.device == "10.0.0.4:vol_plain")
        #expect(mount.hosts == ["10.0.0.4"])
        #expect(mount.options == ["backup-volfile-servers": ""])
    }

    /// Heketi v10 lists every node of the cluster, not only those holding the volume's bricks.
    @Test func mountListsEveryNodeOfTheCluster() throws {
        var topology = F.topology
        topology.insert(
            Node(id: NodeID(high: 0, low: 0xa0), cluster: F.c1, zone: 1, manageHostname: "node0.mgmt",
                 storageHostname: "10.0.0.9"))
        let mount = try self.info(F.replica3, in: topology).mount.glusterfs
        #expect(mount.hosts == ["10.0.0.9", "10.0.0.1", "10.0.0.2", "10.0.0.3"])
        #expect(mount.device == "10.0.0.9:vol_replica")
        #expect(mount.options["backup-volfile-servers"] == "10.0.0.1,10.0.0.2,10.0.0.3")
    }

    @Test func optionsAreTheStoredOnesInOrder() throws {
        #expect(try self.info(F.replica3).glustervolumeoptions == [])
        var topology = F.topology
        var volume = try #require(topology.volumes[F.arbiter])
        volume.options = [
            VolumeOption(key: "user.heketi.arbiter", value: "true"), VolumeOption(key: "nfs.disable", value: "on"),
        ]
        topology.insert(volume)
        #expect(try self.info(F.arbiter, in: topology).glustervolumeoptions == ["user.heketi.arbiter true", "nfs.disable on"])
    }

    @Test func unknownVolumeIsNil() {
        #expect(VolumeInfoResponse(volume: VolumeID(high: 1, low: 1), in: F.topology) == nil)
    }
}
