import Foundation
import HTTPServer
import KubernetesAPI
import KubernetesClient
import Synchronization
import TestSupport
import Testing

@Suite struct InformerTests {
    /// The changes an informer reported, in order, as `upsert:key@version` and `delete:key`.
    final class Changes: Sendable {
        private let list = Mutex<[String]>([])

        func add(_ change: Informer.Change) {
            let line: String
            switch change {
            case .upserted(let key, let object): line = "upsert:\(key)@\(ObjectMetadata.of(object)?.resourceVersion ?? "")"
            case .deleted(let key, _): line = "delete:\(key)"
            case .synced: line = "synced"
            }
            self.list.withLock { $0.append(line) }
        }

        var all: [String] { self.list.withLock { $0 } }
    }

    private static func event(_ type: String, _ object: String) -> String { #"{"type":"\#(type)","object":\#(object)}"# + "\n" }

    /// List at 10 (a, b); a watch from 10 that changes a and bookmarks 13, then ends; a watch from 13 that says 410;
    /// a second list at 20 without b (deleted while no watch ran) and with c; then watches that end quietly.
    private func scriptedServer() throws -> ScriptedAPIServer {
        let lists = Atomic<Int>(0)
        return try ScriptedAPIServer { seen, _ in
            if !seen.query.contains("watch=1") {
                let first = lists.wrappingAdd(1, ordering: .relaxed).oldValue == 0
                let items = first
                    ? [ScriptedAPIServer.object("a", version: 5), ScriptedAPIServer.object("b", version: 6)]
                    : [ScriptedAPIServer.object("a", version: 11), ScriptedAPIServer.object("c", version: 19)]
                return ScriptedAPIServer.json(
                    #"{"metadata":{"resourceVersion":"\#(first ? 10 : 20)"},"items":[\#(items.joined(separator: ","))]}"#)
            }
            if seen.query.contains("resourceVersion=10&") {
                return HTTPServerResponse(
                    body: Array((Self.event("MODIFIED", ScriptedAPIServer.object("a", version: 11))
                        + Self.event("BOOKMARK", #"{"kind":"GlusterVolume","metadata":{"resourceVersion":"13"}}"#)).utf8))
            }
            if seen.query.contains("resourceVersion=13&") {
                return HTTPServerResponse(
                    body: Array(Self.event("ERROR", #"{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 13 (15)"}"#).utf8))
            }
            return HTTPServerResponse(body: [])
        }
    }

    @Test func aCompactedWatchListsAgainAndReportsWhatChangedMeanwhile() async throws {
        let server = try self.scriptedServer()
        let changes = Changes()
        let informer = Informer(
            client: KubernetesClient(endpoint: KubeEndpoint(server: server.base, namespace: "shop")),
            kind: .glusterVolumes, settings: Informer.Settings(watchTimeoutSeconds: 5, initialBackoff: .milliseconds(10))
        ) { changes.add($0) }
        let running = Task { await informer.run() }
        #expect(await eventually { informer.counts.lists == 2 && informer.counts.watches >= 3 })
        running.cancel()
        await running.value
        #expect(changes.all == [
            "upsert:shop/a@5", "upsert:shop/b@6", "synced", "upsert:shop/a@11", "upsert:shop/c@19", "delete:shop/b",
        ])
        #expect(Set(informer.objects.keys) == ["shop/a", "shop/c"])
        #expect(informer.resourceVersion == "20")
        let watches = server.requests.filter { $0.query.contains("watch=1") }.map(\.query)
        #expect(watches.first?.contains("resourceVersion=10&allowWatchBookmarks=true") == true)
        #expect(watches.dropFirst(2).first?.contains("resourceVersion=20&") == true)
        await server.stop()
    }

    @Test func aFailingServerIsRetriedWithBackoffAndTheCacheKept() async throws {
        let server = try ScriptedAPIServer { seen, index in
            if index == 0 {
                return ScriptedAPIServer.json(#"{"metadata":{"resourceVersion":"3"},"items":[\#(ScriptedAPIServer.object("a", version: 2))]}"#)
            }
            return ScriptedAPIServer.status(500, "InternalError", "etcd is down")
        }
        let informer = Informer(
            client: KubernetesClient(endpoint: KubeEndpoint(server: server.base, namespace: "shop")),
            kind: .glusterVolumes, settings: Informer.Settings(initialBackoff: .milliseconds(20), maximumBackoff: .milliseconds(40))
        ) { _ in }
        let running = Task { await informer.run() }
        #expect(await eventually { server.requests.count >= 4 })
        running.cancel()
        await running.value
        #expect(informer.hasSynced)
        #expect(informer.objects.keys.sorted() == ["shop/a"])
        // Failed watches are retried from the list's version, not by listing again.
        #expect(server.requests.dropFirst().allSatisfy { $0.query.contains("watch=1&resourceVersion=3&") })
        await server.stop()
    }
}
