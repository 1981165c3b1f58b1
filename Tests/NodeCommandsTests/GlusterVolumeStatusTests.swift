import NodeCommands
import Testing

@Suite struct GlusterVolumeStatusTests {
    @Test func readsBricksAndDaemons() throws {
        let status = try #require(try GlusterVolumeStatus.parse(try Fixtures.data("gluster/volume-status-replica3.xml")).first)
        #expect(status.volume == "vol_3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c")
        #expect(status.bricks.count == 3)
        #expect(status.bricks.allSatisfy { $0.online && $0.port != nil && $0.pid != nil })
        #expect(status.processes.count > status.bricks.count)
        #expect(status.processes.filter { !$0.isBrick }.allSatisfy { $0.hostname == "Self-heal Daemon" })
        #expect(
            status.bricks.first?.brickAddress
                == BrickAddress(
                    host: "127.1.1.1", path: "/srv/brickyard-testbed/n1/d1/brick_a3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c/brick"))
    }

    @Test func aDeadBrickIsOfflineWithoutPortOrPid() throws {
        let status = try #require(try GlusterVolumeStatus.parse(try Fixtures.data("gluster/volume-status-brick-down.xml")).first)
        #expect(
            status.bricks.map(\.online) == [true, true, false])
        let dead = status.bricks[2]
        #expect(dead.hostname == "127.1.1.3")
        #expect(dead.peerID.count == 36)
        #expect(dead.port == nil)
        #expect(dead.pid == nil)
        #expect((status.bricks[0].port ?? 0) > 0)
        #expect((status.bricks[0].pid ?? 0) > 0)
    }

    @Test func otherRecordedStatuses() throws {
        for name in ["volume-status-disperse.xml", "volume-status-node-down.xml", "volume-status-replica3-detail.xml"] {
            let statuses = try GlusterVolumeStatus.parse(try Fixtures.data("gluster/" + name))
            #expect(statuses.count == 1, "\(name)")
            #expect(!(statuses.first?.bricks.isEmpty ?? true), "\(name)")
        }
        #expect(try GlusterVolumeStatus.parse(try Fixtures.data("gluster/volume-status-all.xml")).count >= 2)
    }

    @Test func aStoppedVolumeIsGlustersError() throws {
        #expect(
            throws: NodeOutputError.glusterFailed(
                opRet: -1, opErrno: 30800, message: "Volume vol_6a1f2e3d4c5b4a69887766554433221a is not started")
        ) {
            try GlusterVolumeStatus.parse(try Fixtures.data("gluster/volume-status-stopped.xml"))
        }
    }

    @Test(arguments: [
        "", "<cliOutput><opRet>0</opRet></cliOutput>",
        "<cliOutput><opRet>0</opRet><volStatus><volumes><volume><node><hostname>h</hostname></node></volume></volumes></volStatus></cliOutput>",
    ])
    func refusesGarbage(text: String) {
        #expect(throws: NodeOutputError.self) { try GlusterVolumeStatus.parse(text) }
    }
}
