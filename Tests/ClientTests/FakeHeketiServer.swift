import Client
import Curl
import Foundation
import HTTPTypes
import Synchronization

/// A small Heketi server in memory for command-line tests: one cluster `c1` with node `n1` (device `d1`, brick of
/// volume `v1`), answering each route as Heketi does (202 and a queue for operations, 303 to the result), and
/// remembering the nodes and devices added, so a command that reads its result back finds it.
final class FakeHeketiServer: HTTPTransport {
    private struct State {
        var addedNodes: [String: String] = [:]
        /// Device names by node id, beyond `n1`'s `/dev/sdb`.
        var addedDevices: [String: [String]] = [:]
    }

    private let state = Mutex(State())
    let requests = Mutex<[HTTPRequest]>([])
    /// Answers that replace the usual ones, by `METHOD /path`.
    let overrides: [String: HTTPResponse]

    init(overrides: [String: HTTPResponse] = [:]) {
        self.overrides = overrides
    }

    func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
        self.requests.withLock { $0.append(request) }
        return self.answer(request)
    }

    func answer(_ request: HTTPRequest) -> HTTPResponse {
        let path = String(request.url.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
        let parts = path.split(separator: "/").map(String.init)
        let method = request.method
        if let answer = self.overrides["\(method) \(path)"] { return answer }
        func accepted(_ queue: String) -> HTTPResponse { response(202, [("Location", "/queue/\(queue)")]) }
        switch (method, parts.first ?? "", parts.count) {
        case ("GET", "hello", _): return response(200, body: "Hello from Heketi")
        case ("GET", "queue", 2):
            let id = parts[1]
            if id.hasPrefix("volume") { return response(303, [("Location", "/volumes/v1")]) }
            if id.hasPrefix("node-") { return response(303, [("Location", "/nodes/\(id.dropFirst(5))")]) }
            return response(204)
        case ("GET", "clusters", 1): return response(200, body: #"{"clusters":["c1"]}"#)
        case ("GET", "clusters", 2): return response(200, body: Self.cluster(parts[1]))
        case ("POST", "clusters", 1): return response(201, body: Self.cluster("c2"))
        case ("POST", "clusters", 3), ("DELETE", "clusters", 2): return response(200)
        case ("POST", "nodes", 1):
            let host = Self.field(request.body, "hostnames", "manage") ?? "node9"
            self.state.withLock { $0.addedNodes["n9"] = host }
            return accepted("node-n9")
        case ("GET", "nodes", 2): return response(200, body: self.node(parts[1]))
        case ("POST", "nodes", 3) where parts[2] == "tags", ("POST", "devices", 3) where parts[2] == "tags":
            return response(200)
        case ("POST", "devices", 1):
            let node = Self.field(request.body, "node") ?? ""
            let name = Self.field(request.body, "name") ?? ""
            self.state.withLock { $0.addedDevices[node, default: []].append(name) }
            return accepted("done")
        case ("GET", "devices", 2): return response(200, body: Self.device(parts[1], name: "/dev/sdb"))
        case ("GET", "devices", 3): return accepted("done")
        case ("DELETE", "nodes", 2), ("POST", "nodes", 3), ("DELETE", "devices", 2), ("POST", "devices", 3),
            ("DELETE", "volumes", 2):
            return accepted("done")
        case ("GET", "volumes", 1): return response(200, body: #"{"volumes":["v1"]}"#)
        case ("GET", "volumes", 2): return response(200, body: Self.volume)
        case ("POST", "volumes", 1), ("POST", "volumes", 3): return accepted("volume")
        case ("GET", "operations", 1):
            return response(200, body: #"{"total":1,"in_flight":1,"new":0,"stale":0,"failed":0}"#)
        case ("GET", "operations", 2):
            return response(
                200, body: #"{"pendingoperations":[{"id":"op1","type_name":"volume-create","status":"running"}]}"#)
        case ("GET", "operations", 3):
            return response(
                200,
                body: #"{"id":"op1","type_name":"volume-create","status":"","changes":[{"id":"b1","description":"brick"}]}"#)
        case ("POST", "operations", 3): return accepted("done")
        case ("GET", "admin", _): return response(200, body: #"{"state":"normal"}"#)
        case ("POST", "admin", _): return response(204)
        case ("GET", "internal", _) where parts.count == 2:
            return response(200, body: #"{"loglevel":{"glusterfs":"info"}}"#)
        case ("POST", "internal", _) where parts.count == 2:
            return response(200, body: String(decoding: request.body ?? Data(), as: UTF8.self))
        case ("GET", "internal", _):
            return response(200, body: #"{"clean":true,"nodes":1,"volumes":1,"findings":[]}"#)
        case ("GET", "db", 2) where parts[1] == "dump": return response(200, body: #"{"clusterentries":{}}"#)
        case ("GET", "db", 2): return response(200, body: #"{"ok":true,"problems":[]}"#)
        default: return response(404, body: "fake server: no route \(method) \(path)")
        }
    }

    static func cluster(_ id: String) -> String {
        id == "c1"
            ? #"{"id":"c1","nodes":["n1"],"volumes":["v1"],"block":true,"file":true,"blockvolumes":[]}"#
            : #"{"id":"\#(id)","nodes":[],"volumes":[],"block":true,"file":true,"blockvolumes":[]}"#
    }

    func node(_ id: String) -> String {
        let (host, extra) = self.state.withLock { ($0.addedNodes[id], $0.addedDevices[id] ?? []) }
        var devices = id == "n1" ? [Self.device("d1", name: "/dev/sdb")] : []
        devices += extra.enumerated().map { Self.device("\(id)-d\($0.offset)", name: $0.element) }
        let manage = id == "n1" ? "node1" : host ?? id
        return #"{"zone":1,"hostnames":{"manage":["\#(manage)"],"storage":["10.0.0.1"]},"cluster":"c1","id":"\#(id)","state":"online","devices":[\#(devices.joined(separator: ","))]}"#
    }

    static func device(_ id: String, name: String) -> String {
        let bricks = id == "d1" ? #"[{"id":"b1","path":"/b1","device":"d1","node":"n1","volume":"v1","size":1048576}]"# : "[]"
        return #"{"name":"\#(name)","id":"\#(id)","state":"online","storage":{"total":104857600,"free":103809024,"used":1048576},"bricks":\#(bricks)}"#
    }

    static let volume = """
        {"size":1,"name":"vol_v1","durability":{"type":"replicate","replicate":{"replica":1}},"glustervolumeoptions":[],
         "snapshot":{"enable":false},"id":"v1aaaaaaaaaa","cluster":"c1",
         "mount":{"glusterfs":{"device":"10.0.0.1:vol_v1","hosts":["10.0.0.1","10.0.0.2"],"options":{"backup-volfile-servers":"10.0.0.2"}}},
         "bricks":[{"id":"b1","path":"/b1","device":"d1","node":"n1","volume":"v1","size":1048576}]}
        """

    /// A string at `keys` in a JSON body (the first element of an array).
    static func field(_ body: Data?, _ keys: String...) -> String? {
        guard let body, var current = try? JSONSerialization.jsonObject(with: body) else { return nil }
        for key in keys {
            guard let object = current as? [String: Any], let next = object[key] else { return nil }
            current = (next as? [Any])?.first ?? next
        }
        return current as? String
    }
}
