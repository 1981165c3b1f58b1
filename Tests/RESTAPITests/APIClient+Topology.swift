import Curl
import Foundation
import HTTPTypes
import HeketiAPI

/// What `makeCluster` built.
struct ClusterLayout: Sendable {
    var cluster: String
    var nodes: [String]
    var devices: [String]
}

/// Builds topology through the REST API, as heketi-cli would.
extension APIClient {
    func createCluster() async throws -> String {
        try self.decode(ClusterInfoResponse.self, try await self.post("/clusters", "{}")).id
    }

    /// Adds a node and returns its id from the operation's 303.
    func addNode(cluster: String, zone: Int, host: String) async throws -> String {
        let body = try Self.json(
            NodeAddRequest(zone: zone, hostnames: HostnamesMessage(manage: [host], storage: [host]), cluster: cluster))
        return try Self.id(from: try await self.perform("POST", "/nodes", body: body), under: "/nodes/")
    }

    /// Adds a device (the operation ends 204) and returns its id, read back from the node.
    func addDevice(node: String, name: String) async throws -> String {
        let ended = try await self.perform(
            "POST", "/devices", body: try Self.json(DeviceAddRequest(node: node, name: name)))
        guard ended.status == 204 else { throw FixtureError("device add ended \(ended.status) \(ended.bodyText)") }
        let info = try await self.fetch(NodeInfoResponse.self, "/nodes/\(node)")
        guard let device = info.devices.first(where: { $0.name == name }) else {
            throw FixtureError("device \(name) is not listed on node \(node)")
        }
        return device.id
    }

    /// A cluster of `nodes` nodes in zones 1, 2, 3, … each with `devicesPerNode` devices.
    func makeCluster(nodes: Int = 3, devicesPerNode: Int = 1) async throws -> ClusterLayout {
        var layout = ClusterLayout(cluster: try await self.createCluster(), nodes: [], devices: [])
        for index in 0..<nodes {
            let node = try await self.addNode(cluster: layout.cluster, zone: index + 1, host: "node\(index).example")
            layout.nodes.append(node)
            for device in 0..<devicesPerNode {
                layout.devices.append(try await self.addDevice(node: node, name: "/dev/sd\(Self.letter(device))"))
            }
        }
        return layout
    }

    /// Creates a volume and returns its id from the operation's 303.
    func createVolume(_ body: String) async throws -> String {
        try Self.id(from: try await self.perform("POST", "/volumes", body: body), under: "/volumes/")
    }

    /// `GET /db/dump`, the whole store.
    func dump() async throws -> String {
        let response = try await self.get("/db/dump")
        guard response.status == 200 else { throw FixtureError("dump answered \(response.status)") }
        return response.bodyText
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(ascii: "b") + UInt8(index)))
    }
}
