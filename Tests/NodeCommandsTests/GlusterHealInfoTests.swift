import NodeCommands
import Testing

@Suite struct GlusterHealInfoTests {
    @Test func aHealthyVolumeHasNothingToHeal() throws {
        let info = try GlusterHealInfo.parse(try Fixtures.data("gluster/volume-heal-info.xml"))
        #expect(info.bricks.count == 3)
        #expect(info.bricks.allSatisfy { $0.connected && $0.entries == 0 })
        #expect(info.isHealed)
    }

    @Test func pendingEntriesAndAnUnreachableBrick() throws {
        let info = try GlusterHealInfo.parse(try Fixtures.data("gluster/volume-heal-info-pending.xml"))
        #expect(info.bricks.map(\.entries) == [5, 5, nil])
        #expect(info.bricks.map(\.connected) == [true, true, false])
        #expect(info.bricks[2].status == "Transport endpoint is not connected")
        #expect(info.bricks[2].address.host == "127.1.1.3")
        #expect(!info.isHealed)
    }

    @Test func refusesGarbage() {
        #expect(throws: NodeOutputError.self) { try GlusterHealInfo.parse("") }
        #expect(throws: NodeOutputError.self) { try GlusterHealInfo.parse("<cliOutput><opRet>0</opRet></cliOutput>") }
        #expect(throws: NodeOutputError.self) {
            try GlusterHealInfo.parse("<cliOutput><opRet>0</opRet><healInfo><bricks><brick><name>x</name></brick></bricks></healInfo></cliOutput>")
        }
    }
}
