import Curl
import HTTPTypes
import HeketiAPI
import Testing

/// 409: requests that contradict what exists, refused before any operation starts.
@Suite struct ConflictTests {
    @Test func clusterWithNodesCannotBeDeleted() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster(nodes: 1, devicesPerNode: 0)
            expectError(try await api.delete("/clusters/\(layout.cluster)"), 409, containing: ["Unable to delete cluster [\(layout.cluster)] because it contains volumes and/or nodes"])
            #expect(try await api.get("/clusters/\(layout.cluster)").status == 200)
        }
    }

    @Test func nodeWithDevicesCannotBeDeleted() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster(nodes: 1, devicesPerNode: 1)
            expectError(
                try await api.delete("/nodes/\(layout.nodes[0])"), 409, containing: [layout.nodes[0], "device"])
            #expect(try await api.get("/nodes/\(layout.nodes[0])").status == 200)
        }
    }

    @Test func aDeviceThatWasNotRemovedCannotBeDeleted() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster()
            _ = try await api.createVolume(StatusCodeTests.replica3)
            let refused = try await api.delete("/devices/\(layout.devices[0])")
            expectError(refused, 400)
            #expect(refused.bodyText == "device: \(layout.devices[0]) is not in failed state\n")
            #expect(try await api.fetch(DeviceInfoResponse.self, "/devices/\(layout.devices[0])").bricks.count == 1)
        }
    }

    @Test(arguments: [("manage", "node0.example"), ("storage", "node0.example")])
    func hostnameInUseNamesTheNode(field: String, host: String) async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster(nodes: 1, devicesPerNode: 0)
            let hostnames =
                field == "manage"
                ? HostnamesMessage(manage: [host], storage: ["fresh.example"])
                : HostnamesMessage(manage: ["fresh.example"], storage: [host])
            let body = try APIClient.json(NodeAddRequest(zone: 2, hostnames: hostnames, cluster: layout.cluster))
            expectError(try await api.post("/nodes", body), 409, containing: [host, layout.nodes[0]])
            #expect(try await api.fetch(ClusterInfoResponse.self, "/clusters/\(layout.cluster)").nodes == layout.nodes)
        }
    }

    @Test func deviceNameInUseOnTheNode() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster(nodes: 1, devicesPerNode: 1)
            let body = try APIClient.json(DeviceAddRequest(node: layout.nodes[0], name: "/dev/sdb"))
            expectError(try await api.post("/devices", body), 409, containing: ["/dev/sdb", layout.devices[0]])
            #expect(try await api.fetch(NodeInfoResponse.self, "/nodes/\(layout.nodes[0])").devices.count == 1)
        }
    }

    @Test func volumeNameInUseInTheCluster() async throws {
        try await TestServer.with { server in
            let api = server.admin
            _ = try await api.makeCluster()
            let body = #"{"size":1,"name":"data","durability":{"type":"replicate","replicate":{"replica":3}}}"#
            let first = try await api.createVolume(body)
            expectError(try await api.post("/volumes", body), 409, containing: ["data", first])
            #expect(try await api.fetch(VolumeListResponse.self, "/volumes").volumes == [first])
        }
    }
}
