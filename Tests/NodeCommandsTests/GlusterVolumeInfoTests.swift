import Foundation
import NodeCommands
import StorageModel
import Testing

@Suite struct GlusterVolumeInfoTests {
    @Test func readsAReplicatedVolume() throws {
        let volumes = try GlusterVolumeInfo.parse(try Fixtures.data("gluster/volume-info-replica3.xml"))
        #expect(volumes.count == 1)
        let volume = try #require(volumes.first)
        #expect(volume.name == "vol_3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c")
        #expect(volume.id.count == 36)
        #expect(volume.status == .started)
        #expect(volume.typeName == "Replicate")
        #expect(volume.brickCount == 3)
        #expect(volume.distributeCount == 1)
        #expect(volume.replicaCount == 3)
        #expect(volume.durability == .replicate(3))
        #expect(
            volume.bricks.map(\.address) == [
                BrickAddress(
                    host: "127.1.1.1", path: "/srv/brickyard-testbed/n1/d1/brick_a3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c/brick"),
                BrickAddress(
                    host: "127.1.1.2", path: "/srv/brickyard-testbed/n2/d1/brick_b3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c/brick"),
                BrickAddress(
                    host: "127.1.1.3", path: "/srv/brickyard-testbed/n3/d1/brick_c3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c/brick"),
            ])
        #expect(volume.bricks.allSatisfy { $0.hostUUID.count == 36 })
        #expect(volume.bricks.allSatisfy { !$0.isArbiter })
        #expect(volume.options.count == 8)
        #expect(volume.options.first == VolumeOption(key: "cluster.quorum-type", value: "auto"))
        #expect(volume.option("user.heketi.id") == "3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c")
        #expect(volume.option("performance.quick-read") == "off")
        #expect(volume.option("no.such.option") == nil)
    }

    @Test func readsDistributeAndDisperse() throws {
        let distribute = try #require(try GlusterVolumeInfo.parse(try Fixtures.data("gluster/volume-info-distribute.xml")).first)
        #expect(distribute.name == "vol_6a1f2e3d4c5b4a69887766554433221a")
        #expect(distribute.status == .created)
        #expect(distribute.durability == .distribute)
        #expect(distribute.bricks.count == 3)

        let disperse = try #require(try GlusterVolumeInfo.parse(try Fixtures.data("gluster/volume-info-disperse.xml")).first)
        #expect(disperse.name == "vol_9c8b7a6f5e4d4c3b2a1908f7e6d5c4b3")
        #expect(disperse.typeName == "Disperse")
        #expect(disperse.disperseCount == 3)
        #expect(disperse.redundancyCount == 1)
        #expect(disperse.durability == .disperse(data: 2, redundancy: 1))
    }

    @Test func readsEveryVolume() throws {
        let volumes = try GlusterVolumeInfo.parse(try Fixtures.data("gluster/volume-info-all.xml"))
        #expect(
            volumes.map(\.name) == [
                "vol_3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c", "vol_6a1f2e3d4c5b4a69887766554433221a",
                "vol_9c8b7a6f5e4d4c3b2a1908f7e6d5c4b3",
            ])
        #expect(volumes.map(\.status) == [.started, .created, .started])
    }

    @Test func aMissingVolumeIsGlustersError() throws {
        #expect(throws: NodeOutputError.glusterFailed(opRet: -1, opErrno: 30806, message: "Volume does not exist")) {
            try GlusterVolumeInfo.parse(try Fixtures.data("gluster/volume-info-nonexistent.xml"))
        }
    }

    @Test func noVolumesAtAll() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><volInfo><volumes><count>0</count></volumes></volInfo></cliOutput>
            """
        #expect(try GlusterVolumeInfo.parse(xml).isEmpty)
    }

    @Test func arbiterAndUnknownStates() throws {
        let xml = """
            <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><volInfo><volumes><volume>
            <name>a</name><id>1</id><status>7</status><statusStr>Odd</statusStr><brickCount>3</brickCount>
            <distCount>1</distCount><replicaCount>3</replicaCount><arbiterCount>1</arbiterCount>
            <disperseCount>0</disperseCount><redundancyCount>0</redundancyCount><typeStr>Replicate</typeStr>
            <bricks><brick uuid="u">h:/x<name>h:/x</name><hostUuid>u</hostUuid><isArbiter>0</isArbiter></brick>
            <brick uuid="u">h:/y<name>h:/y</name><hostUuid>u</hostUuid><isArbiter>0</isArbiter></brick>
            <brick uuid="u">h:/z<name>h:/z</name><hostUuid>u</hostUuid><isArbiter>1</isArbiter></brick></bricks>
            </volume></volumes></volInfo></cliOutput>
            """
        let volume = try #require(try GlusterVolumeInfo.parse(xml).first)
        #expect(volume.status == .other(code: 7, text: "Odd"))
        #expect(volume.durability == .arbiter)
        #expect(volume.bricks.map(\.isArbiter) == [false, false, true])
    }

    @Test(arguments: [
        "", "not xml at all", "Connection failed. Please check if gluster daemon is operational.\n",
        "<cliOutput>", "<other/>", "<cliOutput><opErrno>0</opErrno></cliOutput>",
        "<cliOutput><opRet>zero</opRet></cliOutput>", "<cliOutput><opRet>0</opRet></cliOutput>",
        "<cliOutput><opRet>0</opRet><volInfo><volumes><volume><name>v</name></volume></volumes></volInfo></cliOutput>",
        "<cliOutput><opRet>0</opRet><volInfo><volumes><volume><name>v</name><id>i</id><status>1</status><brickCount>1</brickCount><bricks><brick><name>nohost</name></brick></bricks></volume></volumes></volInfo></cliOutput>",
    ])
    func refusesGarbage(text: String) {
        #expect(throws: NodeOutputError.self) { try GlusterVolumeInfo.parse(text) }
    }

    @Test func refusesBinaryNoise() {
        let noise = Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        #expect(throws: NodeOutputError.self) { try GlusterVolumeInfo.parse(noise) }
    }
}
