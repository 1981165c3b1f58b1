import Foundation
import HTTPServer
import HTTPTypes
import Synchronization

/// An API server holding one GlusterVolume: GET and PUT it (with resource versions), PATCH its status, list it,
/// and watch it — a watch answers once the object is newer than the version asked for, with that change. Records
/// every request, so a test sees what the source wrote.
final class OneObjectServer: Sendable {
    /// `[String: Any]` is not Sendable; every access goes through the Mutex.
    struct State: @unchecked Sendable {
        var object: [String: Any]
        var version = 5
        var requests: [(method: String, path: String, body: [UInt8])] = []
        /// Set by `stop()`: open watches end so the server can drain.
        var closing = false
    }

    private final class Box: @unchecked Sendable {
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }

    private let box: Box
    private let daemon: HTTPServerDaemon
    let base: String

    init(name: String, namespace: String) throws {
        let box = Box(State(object: [
            "apiVersion": "brickyard.io/v1alpha1", "kind": "GlusterVolume",
            "metadata": ["name": name, "namespace": namespace, "uid": "uid-1", "resourceVersion": "5", "generation": 1],
            "spec": ["size": "1Gi"],
        ]))
        self.box = box
        self.daemon = HTTPServerDaemon { request in await Self.answer(request, box) }
        try self.daemon.start()
        self.base = "http://127.0.0.1:\(self.daemon.port ?? 0)"
    }

    func stop() async {
        self.box.state.withLock { $0.closing = true }
        await self.daemon.stop()
    }

    /// Each request's method, path with query, and body.
    var requests: [(method: String, path: String, body: [UInt8])] { self.box.state.withLock { $0.requests } }
    var object: [String: Any] { self.box.state.withLock { $0.object } }

    /// Marks the object deleted, as the API does for an object with finalizers.
    func markDeleted() {
        self.box.state.withLock { state in
            var metadata = state.object["metadata"] as? [String: Any] ?? [:]
            metadata["deletionTimestamp"] = "2026-12-02T10:00:00Z"
            state.version += 1
            metadata["resourceVersion"] = String(state.version)
            state.object["metadata"] = metadata
        }
    }

    private static func json(_ object: Any, status: Int = 200) -> HTTPServerResponse {
        HTTPServerResponse(
            status: status, headers: ["Content-Type": "application/json"],
            body: [UInt8]((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()))
    }

    private static func answer(_ request: HTTPServerRequest, _ box: Box) async -> HTTPServerResponse {
        let target = request.rawQuery.isEmpty ? request.path : request.path + "?" + request.rawQuery
        box.state.withLock { $0.requests.append((request.method, target, request.body)) }
        if request.path.contains("/events") { return Self.json(["kind": "Event"], status: 201) }
        if request.queryValue("watch") == "1" {
            let since = Int(request.queryValue("resourceVersion") ?? "0") ?? 0
            let deadline = ContinuousClock.now + .seconds(5)
            while ContinuousClock.now < deadline && !box.state.withLock({ $0.closing }) {
                if let object = box.state.withLock({ $0.version > since ? $0.object : nil }) {
                    let line = (try? JSONSerialization.data(withJSONObject: ["type": "MODIFIED", "object": object], options: [.sortedKeys])) ?? Data()
                    return HTTPServerResponse(body: [UInt8](line) + [10])
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
            return HTTPServerResponse(body: [])
        }
        return box.state.withLock { state -> HTTPServerResponse in
            switch (request.method, request.path.hasSuffix("/status")) {
            case ("GET", _) where request.path.hasSuffix("/glustervolumes"):
                return Self.json(["kind": "GlusterVolumeList", "metadata": ["resourceVersion": String(state.version)], "items": [state.object]])
            case ("GET", _):
                return Self.json(state.object)
            case ("PUT", false):
                guard let sent = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
                    var metadata = sent["metadata"] as? [String: Any],
                    metadata["resourceVersion"] as? String == String(state.version)
                else {
                    return Self.json(["kind": "Status", "code": 409, "reason": "Conflict", "message": "stale"], status: 409)
                }
                state.version += 1
                metadata["resourceVersion"] = String(state.version)
                state.object["metadata"] = metadata
                return Self.json(state.object)
            case ("PATCH", true):
                let patch = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
                state.object["status"] = patch["status"]
                state.version += 1
                var metadata = state.object["metadata"] as? [String: Any] ?? [:]
                metadata["resourceVersion"] = String(state.version)
                state.object["metadata"] = metadata
                return Self.json(state.object)
            default:
                return Self.json(["kind": "Status", "code": 405, "reason": "MethodNotAllowed", "message": "no"], status: 405)
            }
        }
    }
}
