public import Foundation
import Synchronization
import HTTPServer
public import KubernetesAPI

/// An in-process Kubernetes API server on 127.0.0.1 for tests: what kube-apiserver does that a controller relies
/// on (resource versions, conflicts, merge patches, the status subresource, finalizers, paginated lists, watches
/// with replay, bookmarks and 410 Gone), plus controls a test drives directly: seeding objects as `kubectl apply`
/// would, compaction, dropped watches, injected faults, and a log of the writes clients made.
public final class FakeAPIServer: Sendable {
    public struct Options: Sendable {
        /// When set, a request without `Authorization: Bearer <token>` gets 401.
        public var bearerToken: String?
        /// How often a watch that allows bookmarks gets one.
        public var bookmarkInterval: Duration
        /// How many changes are kept for watches to replay; older versions get 410 Gone.
        public var historyLimit: Int
        /// Answer a watch from a compacted version with HTTP 410 instead of an `ERROR` event in a 200 stream.
        public var goneAsHTTPStatus: Bool

        public init(
            bearerToken: String? = nil, bookmarkInterval: Duration = .seconds(1), historyLimit: Int = 1000,
            goneAsHTTPStatus: Bool = false
        ) {
            self.bearerToken = bearerToken
            self.bookmarkInterval = bookmarkInterval
            self.historyLimit = historyLimit
            self.goneAsHTTPStatus = goneAsHTTPStatus
        }
    }

    /// The kinds served from the start, with their `kind` names.
    public static let standardKinds: [(ResourceKind, String)] = [
        (.persistentVolumeClaims, "PersistentVolumeClaim"), (.persistentVolumes, "PersistentVolume"),
        (.events, "Event"), (.leases, "Lease"), (.glusterClusters, "GlusterCluster"), (.glusterNodes, "GlusterNode"),
        (.glusterVolumes, "GlusterVolume"),
        (ResourceKind(group: "", version: "v1", plural: "nodes", namespaced: false), "Node"),
        (ResourceKind(group: "", version: "v1", plural: "pods", namespaced: true), "Pod"),
        (ResourceKind(group: "", version: "v1", plural: "namespaces", namespaced: false), "Namespace"),
    ]

    private let core: FakeAPICore
    private let daemon: HTTPServerDaemon
    /// `http://127.0.0.1:<port>`, the port chosen by the kernel.
    public let url: String

    /// Starts serving at once on a free loopback port.
    public init(options: Options = Options()) throws {
        let core = FakeAPICore(options: options)
        self.core = core
        self.daemon = HTTPServerDaemon { request in await core.handle(request) }
        try self.daemon.start()
        self.url = "http://127.0.0.1:\(self.daemon.port ?? 0)"
        for (kind, name) in Self.standardKinds {
            self.register(kind, kind: name)
        }
    }

    /// Ends watches, releases hung requests, and stops the HTTP server (its open requests drained).
    public func stop() async {
        self.core.clearFaults()
        self.core.dropWatches(partialLine: false)
        await self.daemon.stop()
    }

    /// Serves `resource` too, its objects named `kind`; with `statusSubresource`, `status` changes only through
    /// `/status`, as for custom resources that declare it.
    public func register(_ resource: ResourceKind, kind: String, statusSubresource: Bool = true) {
        self.core.state.withLock {
            $0.store.register(FakeObjectStore.Kind(resource: resource, name: kind, statusSubresource: statusSubresource))
        }
    }

    // MARK: - Objects, as kubectl would change them

    /// Creates an object from its JSON (namespace from its metadata), status kept; returns it as stored.
    @discardableResult
    public func create(_ resource: ResourceKind, _ json: Data) throws(FakeAPIError) -> Data {
        let body = try Self.parse(json)
        return try self.core.write { store throws(FakeAPIError) in
            try store.create(resource, namespace: nil, body: body, keepStatus: true)
        }.object.data
    }

    /// Creates the object, or replaces all but its status (the stored status is kept, no version check), as
    /// `kubectl apply` does; returns it as stored.
    @discardableResult
    public func apply(_ resource: ResourceKind, _ json: Data) throws(FakeAPIError) -> Data {
        let body = try Self.parse(json)
        let namespace = body["metadata"]?["namespace"]?.stringValue
        let name = body["metadata"]?["name"]?.stringValue ?? ""
        return try self.core.write { store throws(FakeAPIError) in
            let key = FakeObjectStore.Key(namespace: resource.namespaced ? namespace ?? "" : "", name: name)
            guard store.object(resource, key) != nil else {
                return try store.create(resource, namespace: namespace, body: body, keepStatus: true)
            }
            return try store.update(resource, namespace: namespace, name: name, body: body, checkVersion: false)
        }.object.data
    }

    /// Deletes as `kubectl delete` does: at once, or marked for deletion while finalizers remain.
    public func delete(_ resource: ResourceKind, namespace: String?, name: String) throws(FakeAPIError) {
        _ = try self.core.write { store throws(FakeAPIError) in
            try store.delete(resource, namespace: namespace, name: name)
        }
    }

    /// The stored object's JSON, or nil.
    public func object(_ resource: ResourceKind, namespace: String?, name: String) -> Data? {
        let key = FakeObjectStore.Key(namespace: resource.namespaced ? namespace ?? "" : "", name: name)
        return try? self.core.read { $0.object(resource, key)?.data }
    }

    /// The server's current resource version.
    public var resourceVersion: String {
        (try? self.core.read { String($0.revision) }) ?? "0"
    }

    // MARK: - Watches

    /// Drops the change history: watches from any version before now get 410 Gone.
    public func compact() {
        self.core.state.withLock { $0.store.compact() }
    }

    /// Ends every open watch now, mid-stream; with `partialLine`, after half an event.
    public func dropWatches(partialLine: Bool = false) {
        self.core.dropWatches(partialLine: partialLine)
    }

    /// Watches open now.
    public var openWatchCount: Int {
        self.core.state.withLock { $0.hub.count }
    }

    // MARK: - Faults and the request log

    /// Applies `fault` to requests matching `pattern`, for the next `times` of them (nil: until cleared).
    public func inject(_ fault: FakeAPIFault, matching pattern: FakeRequestPattern = .any, times: Int? = nil) {
        self.core.state.withLock { $0.faults.add(fault, pattern, times: times) }
    }

    /// Removes every fault; hung requests are then served.
    public func clearFaults() {
        self.core.clearFaults()
    }

    /// The requests that changed something, in order.
    public var writes: [FakeAPIWrite] {
        self.core.state.withLock { $0.log.writes }
    }

    /// How many requests of each verb arrived (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`),
    /// whatever their outcome.
    public var requestCounts: [String: Int] {
        self.core.state.withLock { $0.log.counts }
    }

    /// Forgets the writes and counts so far, so a test can count from a known point.
    public func resetLog() {
        self.core.state.withLock { $0.log.reset() }
    }

    private static func parse(_ json: Data) throws(FakeAPIError) -> JSONValue {
        guard let value = JSONValue.parse(json) else { throw FakeAPIError.badRequest("the body is not JSON") }
        return value
    }
}
