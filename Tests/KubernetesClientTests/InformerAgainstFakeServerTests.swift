import Foundation
import KubernetesAPI
import KubernetesClient
import TestSupport
import Testing

/// The informer against the fake API server: a watch dropped mid-event, and a watch whose version was compacted
/// meanwhile, lose no change; the cache ends equal to the server's objects.
@Suite(.timeLimit(.minutes(1))) struct InformerAgainstFakeServerTests {
    private static func volume(_ name: String, size: String = "1Gi") -> Data {
        Data(#"{"apiVersion":"brickyard.io/v1alpha1","kind":"GlusterVolume","metadata":{"name":"\#(name)","namespace":"shop"},"spec":{"size":"\#(size)"}}"#.utf8)
    }

    private func size(_ object: Data?) -> String? {
        guard let object, let root = try? JSONSerialization.jsonObject(with: object) as? [String: Any] else { return nil }
        return (root["spec"] as? [String: Any])?["size"] as? String
    }

    @Test func droppedAndCompactedWatchesLoseNoChange() async throws {
        let server = try FakeAPIServer(options: FakeAPIServer.Options(bookmarkInterval: .milliseconds(100)))
        try server.create(.glusterVolumes, Self.volume("a"))
        try server.create(.glusterVolumes, Self.volume("b"))
        let informer = Informer(
            client: KubernetesClient(endpoint: KubeEndpoint(server: server.url, namespace: "shop")),
            kind: .glusterVolumes, settings: Informer.Settings(watchTimeoutSeconds: 30, initialBackoff: .milliseconds(10))
        ) { _ in }
        let running = Task { await informer.run() }
        #expect(await eventually { informer.hasSynced && server.openWatchCount == 1 })

        // Mid-event: the stream ends inside a line; the informer watches again from the last version it had.
        server.dropWatches(partialLine: true)
        try server.apply(.glusterVolumes, Self.volume("a", size: "2Gi"))
        try server.create(.glusterVolumes, Self.volume("c"))
        #expect(await eventually { self.size(informer.object("shop/a")) == "2Gi" && informer.object("shop/c") != nil })

        // Compacted while no watch runs: the version is gone, the informer lists again and sees b deleted.
        // Every request fails until the deletion is made and compacted, so no watch can see it live.
        server.inject(.status(503), matching: FakeRequestPattern(method: "GET"))
        server.dropWatches()
        try server.delete(.glusterVolumes, namespace: "shop", name: "b")
        server.compact()
        server.clearFaults()
        #expect(await eventually { informer.object("shop/b") == nil && informer.counts.lists >= 2 })
        #expect(Set(informer.objects.keys) == ["shop/a", "shop/c"])
        running.cancel()
        await running.value
        await server.stop()
    }
}
