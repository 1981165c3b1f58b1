import Curl
import Planning
import Executor
import HTTPTypes
import HeketiAPI
import StorageModel
import TestSupport
import Testing

/// Heketi's whole flow over real HTTP: cluster, nodes, devices, a replica 3 volume, expand, tags, node state,
/// then everything deleted again in the order Heketi requires.
@Suite struct LifecycleTests {
    /// The mock's 500 GiB device, in Heketi's KiB.
    static let deviceKiB: Int64 = 500 * 1024 * 1024

    @Test func wholeLifecycleOverHTTP() async throws {
        try await TestServer.with { server in
            let api = server.admin

            let created = try await api.post("/clusters", "{}")
            #expect(created.status == 201)
            #expect(created.headers["Content-Type"] == "application/json; charset=UTF-8")
            let cluster = try api.decode(ClusterInfoResponse.self, created)
            #expect(cluster.id.count == 32)
            #expect(cluster.nodes.isEmpty && cluster.volumes.isEmpty && cluster.file && cluster.block)
            #expect(try await api.fetch(ClusterListResponse.self, "/clusters").clusters == [cluster.id])

            let nodes = try await Self.addNodes(api, cluster: cluster.id)
            let devices = try await Self.addDevices(api, nodes: nodes)
            let volume = try await Self.createVolume(server, cluster: cluster.id, devices: devices)
            try await Self.expand(api, volume: volume)
            try await Self.changeTags(api, node: nodes[0], device: devices[0])
            try await Self.takeOffline(api, node: nodes[1])
            try await Self.tearDown(api, cluster: cluster.id, volume: volume, nodes: nodes, devices: devices)
        }
    }

    private static func addNodes(_ api: APIClient, cluster: String) async throws -> [String] {
        var nodes: [String] = []
        for zone in 1...3 {
            let host = "node\(zone).example"
            let body = try APIClient.json(
                NodeAddRequest(
                    zone: zone, hostnames: HostnamesMessage(manage: [host], storage: ["10.0.0.\(zone)"]),
                    cluster: cluster))
            let accepted = try await api.post("/nodes", body)
            #expect(accepted.status == 202)
            #expect(accepted.body.isEmpty)
            let ended = try await api.follow(accepted)
            let node = try APIClient.id(from: ended, under: "/nodes/")
            let info = try await api.fetch(NodeInfoResponse.self, "/nodes/\(node)")
            #expect(info.id == node)
            #expect(info.zone == zone)
            #expect(info.cluster == cluster)
            #expect(info.state == "online")
            #expect(info.hostnames == HostnamesMessage(manage: [host], storage: ["10.0.0.\(zone)"]))
            #expect(info.devices.isEmpty)
            nodes.append(node)
        }
        let info = try await api.fetch(ClusterInfoResponse.self, "/clusters/\(cluster)")
        #expect(Set(info.nodes) == Set(nodes))
        return nodes
    }

    private static func addDevices(_ api: APIClient, nodes: [String]) async throws -> [String] {
        var devices: [String] = []
        for node in nodes {
            let body = try APIClient.json(DeviceAddRequest(node: node, name: "/dev/sdb", destroydata: true))
            let ended = try await api.perform("POST", "/devices", body: body)
            #expect(ended.status == 204)
            let info = try await api.fetch(NodeInfoResponse.self, "/nodes/\(node)")
            let device = try #require(info.devices.first)
            #expect(info.devices.count == 1)
            #expect(device.name == "/dev/sdb")
            #expect(device.state == "online")
            #expect(device.storage == StorageMessage(total: Self.deviceKiB, free: Self.deviceKiB, used: 0))
            #expect(try await api.fetch(DeviceInfoResponse.self, "/devices/\(device.id)") == device)
            devices.append(device.id)
        }
        return devices
    }

    private static func createVolume(_ server: TestServer, cluster: String, devices: [String]) async throws -> String {
        let api = server.admin
        let accepted = try await api.post(
            "/volumes",
            #"{"size":10,"durability":{"type":"replicate","replicate":{"replica":3}},"#
                + #""glustervolumeoptions":["performance.readdir-ahead on"]}"#)
        let ended = try await api.follow(accepted)
        let volume = try APIClient.id(from: ended, under: "/volumes/")

        // The result stays readable: a second read gives the same answer (Heketi's is read-once).
        let location = try #require(accepted.headers["Location"])
        let again = try await api.get(location)
        #expect(again.status == 303)
        #expect(again.headers["Location"] == "/volumes/\(volume)")

        #expect(try await api.fetch(VolumeListResponse.self, "/volumes").volumes == [volume])
        let info = try await api.fetch(VolumeInfoResponse.self, "/volumes/\(volume)")
        #expect(info.id == volume)
        #expect(info.name == "vol_\(volume)")
        #expect(info.size == 10)
        #expect(info.cluster == cluster)
        #expect(info.durability.type == "replicate")
        #expect(info.durability.replicate?.replica == 3)
        #expect(info.bricks.count == 3)
        #expect(Set(info.bricks.map(\.node)).count == 3, "one brick per node")
        #expect(info.bricks.allSatisfy { $0.volume == volume })
        let mount = info.mount.glusterfs
        #expect(Set(mount.hosts) == ["10.0.0.1", "10.0.0.2", "10.0.0.3"])
        #expect(mount.device == "\(mount.hosts.first ?? ""):vol_\(volume)")
        #expect(mount.options["backup-volfile-servers"] == mount.hosts.dropFirst().joined(separator: ","))
        #expect(info.glustervolumeoptions == ["performance.readdir-ahead on"])
        // Heketi does not list `user.heketi.id`, but sets it on the Gluster volume.
        let id = try VolumeID(parsing: volume)
        let options = server.executor.mock.snapshot.calls.compactMap { call -> [VolumeOption]? in
            if case .setOptions(volume: id, options: let options) = call { options } else { nil }
        }
        #expect(options.joined().contains(VolumeOption(key: "user.heketi.id", value: volume)))
        #expect(options.joined().contains(VolumeOption(key: "performance.readdir-ahead", value: "on")))

        for device in devices {
            let storage = try await api.fetch(DeviceInfoResponse.self, "/devices/\(device)").storage
            #expect(storage.used >= 10 * 1024 * 1024)
            #expect(storage.used + storage.free == storage.total)
        }
        #expect(try await api.fetch(ClusterInfoResponse.self, "/clusters/\(cluster)").volumes == [volume])
        return volume
    }

    private static func expand(_ api: APIClient, volume: String) async throws {
        let ended = try await api.perform("POST", "/volumes/\(volume)/expand", body: #"{"expand_size":5}"#)
        #expect(ended.status == 303)
        #expect(ended.headers["Location"] == "/volumes/\(volume)")
        let info = try await api.fetch(VolumeInfoResponse.self, "/volumes/\(volume)")
        #expect(info.size == 15)
        #expect(info.bricks.count == 6)
    }

    private static func changeTags(_ api: APIClient, node: String, device: String) async throws {
        let steps: [(String, [String: String], [String: String])] = [
            ("set", ["rack": "r1", "ssd": "yes"], ["rack": "r1", "ssd": "yes"]),
            ("update", ["ssd": "no", "row": "7"], ["rack": "r1", "ssd": "no", "row": "7"]),
            ("delete", ["rack": ""], ["ssd": "no", "row": "7"]),
        ]
        for (change, tags, expected) in steps {
            let body = try APIClient.json(TagsChangeRequest(changeType: change, tags: tags))
            let response = try await api.post("/nodes/\(node)/tags", body)
            #expect(response.status == 200)
            #expect(try api.decode(TagsResponse.self, response).tags == expected, "after \(change)")
        }
        #expect(try await api.fetch(NodeInfoResponse.self, "/nodes/\(node)").tags == ["ssd": "no", "row": "7"])

        let body = try APIClient.json(TagsChangeRequest(changeType: "set", tags: ["tier": "gold"]))
        let response = try await api.post("/devices/\(device)/tags", body)
        #expect(response.status == 200)
        #expect(try api.decode(TagsResponse.self, response).tags == ["tier": "gold"])
        #expect(try await api.fetch(DeviceInfoResponse.self, "/devices/\(device)").tags == ["tier": "gold"])
    }

    private static func takeOffline(_ api: APIClient, node: String) async throws {
        let offline = try await api.perform("POST", "/nodes/\(node)/state", body: #"{"state":"offline"}"#)
        #expect(offline.status == 204)
        #expect(try await api.fetch(NodeInfoResponse.self, "/nodes/\(node)").state == "offline")
        let online = try await api.perform("POST", "/nodes/\(node)/state", body: #"{"state":"online"}"#)
        #expect(online.status == 204)
        #expect(try await api.fetch(NodeInfoResponse.self, "/nodes/\(node)").state == "online")
    }

    private static func tearDown(
        _ api: APIClient, cluster: String, volume: String, nodes: [String], devices: [String]
    ) async throws {
        let deleted = try await api.perform("DELETE", "/volumes/\(volume)")
        #expect(deleted.status == 204)
        #expect(try await api.get("/volumes/\(volume)").status == 404)
        #expect(try await api.fetch(VolumeListResponse.self, "/volumes").volumes.isEmpty)
        for device in devices {
            let storage = try await api.fetch(DeviceInfoResponse.self, "/devices/\(device)").storage
            #expect(storage == StorageMessage(total: Self.deviceKiB, free: Self.deviceKiB, used: 0))
        }
        for device in devices {
            // Heketi's order: disable, remove (moves bricks; none are left), then delete.
            #expect(try await api.perform("POST", "/devices/\(device)/state", body: #"{"state":"offline"}"#).status == 204)
            #expect(try await api.perform("POST", "/devices/\(device)/state", body: #"{"state":"failed"}"#).status == 204)
            #expect(try await api.perform("DELETE", "/devices/\(device)").status == 204)
            #expect(try await api.get("/devices/\(device)").status == 404)
        }
        for node in nodes {
            #expect(try await api.perform("DELETE", "/nodes/\(node)").status == 204)
            #expect(try await api.get("/nodes/\(node)").status == 404)
        }
        let response = try await api.delete("/clusters/\(cluster)")
        #expect(response.status == 200)
        #expect(try await api.fetch(ClusterListResponse.self, "/clusters").clusters.isEmpty)
    }
}
