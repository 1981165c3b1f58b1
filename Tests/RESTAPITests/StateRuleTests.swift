import Curl
import Foundation
import HTTPTypes
import HeketiAPI
import Testing

/// Heketi's node and device state machine over REST: every transition, the refusals Heketi makes (answered 202,
/// then failed in `/queue/{id}` with Heketi's text, as Heketi does), and the DELETE rules. Each refusal changes
/// nothing.
@Suite struct StateRuleTests {
    /// Posts a state change and follows it: 204 when it happened, else the queue's 500 text.
    static func setState(_ api: APIClient, _ kind: String, _ id: String, _ state: String) async throws -> (Int, String) {
        let accepted = try await api.post("/\(kind)/\(id)/state", #"{"state":"\#(state)"}"#)
        guard accepted.status == 202 else { return (accepted.status, accepted.bodyText) }
        let ended = try await api.follow(accepted)
        return (ended.status, ended.bodyText)
    }

    static func deviceState(_ api: APIClient, _ id: String) async throws -> String {
        try await api.fetch(DeviceInfoResponse.self, "/devices/\(id)").state
    }

    static func nodeState(_ api: APIClient, _ id: String) async throws -> String {
        try await api.fetch(NodeInfoResponse.self, "/nodes/\(id)").state
    }

    /// (from, to, refusal or nil) for a device, in Heketi's table order.
    static let deviceTransitions: [(String, String, String?)] = [
        ("online", "online", nil), ("online", "offline", nil),
        ("online", "failed", "Device must be offline before remove operation is performed, device:{id}"),
        ("offline", "offline", nil), ("offline", "online", nil), ("offline", "failed", nil),
        ("failed", "failed", nil), ("failed", "online", "Cannot move a failed/removed device to online state"),
        ("failed", "offline", nil),
    ]

    static let nodeTransitions: [(String, String, String?)] = [
        ("online", "online", nil), ("online", "offline", nil),
        ("online", "failed", "Node must be offline before remove operation is performed, node:{id}"),
        ("offline", "online", nil), ("offline", "failed", nil), ("failed", "failed", nil),
        ("failed", "online", "Cannot move a failed/removed node to online state"),
        ("failed", "offline", "Cannot move a failed/removed node to offline state"),
    ]

    /// Brings a device or node to `state` the allowed way (online → offline → failed).
    static func bring(_ api: APIClient, _ kind: String, _ id: String, to state: String) async throws {
        for step in state == "failed" ? ["offline", "failed"] : state == "offline" ? ["offline"] : [] {
            let (status, text) = try await Self.setState(api, kind, id, step)
            guard status == 204 else { throw FixtureError("\(kind) \(id) to \(step): \(status) \(text)") }
        }
    }

    @Test(arguments: Self.deviceTransitions.indices)
    func deviceTransition(_ index: Int) async throws {
        try await Self.check(Self.deviceTransitions[index], kind: "devices")
    }

    @Test(arguments: Self.nodeTransitions.indices)
    func nodeTransition(_ index: Int) async throws {
        try await Self.check(Self.nodeTransitions[index], kind: "nodes")
    }

    /// Brings the first device (or node) of a four-node cluster holding a replica-3 volume to `from`, asks for
    /// `to`, and checks the answer and the state after it. The volume's bricks have somewhere else to go.
    static func check(_ transition: (String, String, String?), kind: String) async throws {
        let (from, to, refusal) = transition
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster(nodes: 4, devicesPerNode: kind == "devices" ? 2 : 1)
            _ = try await api.createVolume(StatusCodeTests.replica3)
            let id = kind == "devices" ? layout.devices[0] : layout.nodes[0]
            func state() async throws -> String {
                kind == "devices" ? try await Self.deviceState(api, id) : try await Self.nodeState(api, id)
            }
            try await Self.bring(api, kind, id, to: from)
            let (status, text) = try await Self.setState(api, kind, id, to)
            if let refusal {
                #expect(status == 500)
                #expect(text == refusal.replacingOccurrences(of: "{id}", with: id) + "\n")
                #expect(try await state() == from)
            } else {
                #expect(status == 204, "\(text)")
                #expect(try await state() == to)
            }
            guard to == "failed", refusal == nil else { return }
            // A removed device holds no brick; a removed node's devices are removed with it.
            if kind == "devices" {
                #expect(try await api.fetch(DeviceInfoResponse.self, "/devices/\(id)").bricks.isEmpty)
            } else {
                let info = try await api.fetch(NodeInfoResponse.self, "/nodes/\(id)")
                #expect(info.devices.allSatisfy { $0.state == "failed" && $0.bricks.isEmpty })
            }
        }
    }

    @Test func removingWithNoRoomForTheBricksSaysWhichDeviceAndChangesNothing() async throws {
        try await TestServer.with { server in
            let api = server.admin
            // Three nodes, one device each: a replica-3 brick cannot go anywhere else.
            let layout = try await api.makeCluster(nodes: 3, devicesPerNode: 1)
            let volume = try await api.createVolume(StatusCodeTests.replica3)
            let before = try await api.get("/volumes/\(volume)").bodyText
            let device = layout.devices[0]
            try await Self.bring(api, "devices", device, to: "offline")
            let (status, text) = try await Self.setState(api, "devices", device, "failed")
            #expect(status == 500)
            #expect(
                text == "Unable to delete device [\(device)] as no device was found to replace it: every eligible device "
                    + "is on the 2 nodes its set already uses, and a set never holds two bricks of one node\n")
            #expect(try await Self.deviceState(api, device) == "offline")
            let node = layout.nodes[1]
            try await Self.bring(api, "nodes", node, to: "offline")
            let (nodeStatus, nodeText) = try await Self.setState(api, "nodes", node, "failed")
            #expect(nodeStatus == 500)
            #expect(nodeText.hasPrefix("Unable to remove node [\(node)] as no device was found to replace device [\(layout.devices[1])]: "))
            #expect(try await Self.nodeState(api, node) == "offline")
            #expect(try await Self.deviceState(api, layout.devices[1]) == "online")
            #expect(try await api.get("/volumes/\(volume)").bodyText == before)
            #expect(try await api.fetch(DatabaseCheckResponse.self, "/db/check").ok)
        }
    }

    @Test func onlyARemovedDeviceIsDeletedAndOnlyAnEmptyNode() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster(nodes: 4, devicesPerNode: 1)
            _ = try await api.createVolume(StatusCodeTests.replica3)
            let device = layout.devices[0]
            for state in ["online", "offline"] {
                try await Self.bring(api, "devices", device, to: state)
                let refused = try await api.delete("/devices/\(device)")
                expectError(refused, 400)
                #expect(refused.bodyText == "device: \(device) is not in failed state\n", "\(state)")
            }
            let node = layout.nodes[0]
            let busy = try await api.delete("/nodes/\(node)")
            expectError(busy, 409)
            #expect(busy.bodyText == "Unable to delete node [\(node)] because it contains devices\n")
            try await Self.bring(api, "devices", device, to: "failed")
            #expect(try await api.perform("DELETE", "/devices/\(device)").status == 204)
            #expect(try await api.perform("DELETE", "/nodes/\(node)").status == 204)
            #expect(try await api.fetch(DatabaseCheckResponse.self, "/db/check").ok)
        }
    }

    @Test func aVolumeInAnUnknownClusterIsRefusedWithHeketisText() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let noCluster = try await api.post("/volumes", #"{"size":1}"#)
            expectError(noCluster, 400)
            #expect(noCluster.bodyText == "No clusters configured\n")
            _ = try await api.makeCluster()
            let unknown = "0123456789abcdef0123456789abcdef"
            let refused = try await api.post("/volumes", #"{"size":1,"clusters":["\#(unknown)"]}"#)
            expectError(refused, 400)
            #expect(refused.bodyText == "Cluster id \(unknown) not found\n")
            let malformed = try await api.post("/volumes", #"{"size":1,"clusters":["xyz"]}"#)
            expectError(malformed, 400)
            #expect(malformed.bodyText == "Cluster id xyz not found\n")
            let node = try await api.post(
                "/nodes", #"{"zone":1,"hostnames":{"manage":["x"],"storage":["x"]},"cluster":"\#(unknown)"}"#)
            expectError(node, 404)
            #expect(node.bodyText == "Cluster id does not exist\n")
            let device = try await api.post("/devices", #"{"node":"\#(unknown)","name":"/dev/sdx"}"#)
            expectError(device, 404)
            #expect(device.bodyText == "Node id does not exist\n")
        }
    }
}
