import NodeCommands
import Testing

@Suite struct GlusterPeerTests {
    @Test func readsPeerStatus() throws {
        let peers = try GlusterPeer.parsePeerStatus(try Fixtures.data("gluster/peer-status.xml"))
        #expect(peers.count == 2)
        #expect(peers.allSatisfy { $0.connected && $0.state == "Peer in Cluster" })
        #expect(peers.allSatisfy { $0.uuid.count == 36 && $0.hostnames == [$0.hostname] })
    }

    @Test func seesADisconnectedPeer() throws {
        let peers = try GlusterPeer.parsePeerStatus(try Fixtures.data("gluster/peer-status-disconnected.xml"))
        #expect(peers.map(\.hostname) == ["127.1.1.2", "127.1.1.3"])
        #expect(peers.map(\.connected) == [true, false])
    }

    @Test func readsPoolListInXMLToo() throws {
        let peers = try GlusterPeer.parsePeerStatus(try Fixtures.data("gluster/pool-list.xml"))
        #expect(peers.last?.hostname == "localhost")
        #expect(peers.count == 3)
    }

    @Test func readsPoolList() throws {
        let peers = try GlusterPeer.parsePoolList(try Fixtures.text("gluster/pool-list.txt"))
        #expect(peers.map(\.hostname) == ["127.1.1.2", "127.1.1.3", "localhost"])
        #expect(peers.allSatisfy { $0.connected })
        #expect(peers.allSatisfy { $0.uuid.count == 36 })

        let down = try GlusterPeer.parsePoolList(try Fixtures.text("gluster/pool-list-disconnected.txt"))
        #expect(down.map(\.connected) == [true, false, true])
    }

    @Test(arguments: [
        "", "garbage", "UUID\tHostname\tState\nnot-a-uuid\thost\tConnected\n",
        "UUID\tHostname\tState\n527f7dc6-67c1-452d-9c0e-8b93aec3b61b\thost\tMaybe\n",
        "Connection failed. Please check if gluster daemon is operational.\n",
    ])
    func refusesGarbagePoolLists(text: String) {
        #expect(throws: NodeOutputError.self) { try GlusterPeer.parsePoolList(text) }
    }

    @Test func refusesGarbagePeerStatus() {
        #expect(throws: NodeOutputError.self) { try GlusterPeer.parsePeerStatus("<cliOutput><opRet>0</opRet></cliOutput>") }
        #expect(throws: NodeOutputError.self) {
            try GlusterPeer.parsePeerStatus("<cliOutput><opRet>0</opRet><peerStatus><peer><hostname>h</hostname></peer></peerStatus></cliOutput>")
        }
    }
}
