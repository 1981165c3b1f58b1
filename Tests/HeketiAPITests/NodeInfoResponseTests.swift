import HeketiAPI
import StorageModel
import Testing

@Suite struct NodeInfoResponseTests {
    typealias F = TopologyFixture

    @Test func nodeListsItsDevicesWithTheirBricks() throws {
        let info = try #require(NodeInfoResponse(node: F.n1, in: F.topology))
        #expect(info.id == F.n1.description)
        #expect(info.cluster == F.c1.description)
        #expect(info.zone == 1)
        #expect(info.state == "online")
        #expect(info.hostnames == HostnamesMessage(manage: ["node1.mgmt"], storage: ["10.0.0.1"]))
        #expect(info.tags == ["rack": "r1"])
        #expect(info.devices.map(\.id) == [F.d11, F.d12].map(\.description))
        #expect(info.devices.first == DeviceInfoResponse(device: F.d11, in: F.topology))
        #expect(info.devices.first?.bricks.count == 3)
    }

    @Test func offlineNodeWithoutTagsOmitsThem() throws {
        let info = try #require(NodeInfoResponse(node: F.n3, in: F.topology))
        #expect(info.state == "offline")
        #expect(info.zone == 3)
        #expect(info.tags == nil)
        #expect(try !jsonText(info).contains(#""tags""#))
    }

    @Test func unknownNodeIsNil() {
        #expect(NodeInfoResponse(node: NodeID(high: 1, low: 1), in: F.topology) == nil)
    }
}
