import NodeCommands
import Testing

@Suite struct GlusterCommandReplyTests {
    @Test func successMayCarryARemark() throws {
        let reply = try GlusterCommandReply.parse(try Fixtures.data("gluster/peer-probe-again.xml"))
        #expect(reply.opErrno == 2)
        #expect(reply.output == "Host 127.1.1.4 port 24007 already in peer list")
    }

    @Test func failuresCarryGlustersMessage() throws {
        #expect(
            throws: NodeOutputError.glusterFailed(
                opRet: -1, opErrno: 107, message: "Probe returned with Transport endpoint is not connected")
        ) {
            try GlusterCommandReply.parse(try Fixtures.data("gluster/peer-probe-unreachable.xml"))
        }
        do {
            _ = try GlusterCommandReply.parse(try Fixtures.data("gluster/volume-create-brick-in-use.xml"))
            Issue.record("a brick in use is a failure")
        } catch let error as NodeOutputError {
            guard case .glusterFailed(let opRet, _, let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(opRet == -1)
            #expect(message.contains("Brick may be containing or be contained by an existing brick"))
        }
    }
}
