import Foundation
import HTTPServer
import HTTPTypes
import KubernetesAPI
import KubernetesClient
import Synchronization
import TestSupport
import Testing

/// A watch read as the server writes it: each event arrives while the response is still open (the server yields
/// the second only after the client has the first), and an event split across chunks is joined.
@Suite(.timeLimit(.minutes(1))) struct StreamingWatchTests {
    final class Feed: Sendable {
        let continuation = Mutex<AsyncStream<[UInt8]>.Continuation?>(nil)

        func yield(_ text: String) { _ = self.continuation.withLock { $0?.yield(Array(text.utf8)) } }
        func finish() { self.continuation.withLock { $0?.finish() } }
    }

    @Test func eventsArriveOneByOneWhileTheWatchIsOpen() async throws {
        let feed = Feed()
        let server = HTTPServerDaemon { _ in
            let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            feed.continuation.withLock { $0 = continuation }
            return .streaming(headers: ["Content-Type": "application/json"], stream)
        }
        try server.start()
        let client = KubernetesClient(endpoint: KubeEndpoint(server: "http://127.0.0.1:\(server.port ?? 0)", namespace: "shop"))
        let opening = Task { try await client.watch(.glusterVolumes, namespace: "shop", resourceVersion: "4") }
        #expect(await eventually { feed.continuation.withLock { $0 != nil } })
        let object = #"{"metadata":{"name":"a","namespace":"shop","resourceVersion":"5"}}"#
        // The first event comes in two pieces, split inside its JSON.
        feed.yield(#"{"type":"ADDED","object":"#)
        feed.yield(object + "}\n")
        let session = try await opening.value
        let first = try await session.next()
        #expect(first == .added(Data(#"{"metadata":{"name":"a","namespace":"shop","resourceVersion":"5"}}"#.utf8)))
        feed.yield(#"{"type":"BOOKMARK","object":{"kind":"GlusterVolume","metadata":{"resourceVersion":"9"}}}"# + "\n")
        #expect(try await session.next() == .bookmark(resourceVersion: "9"))
        feed.finish()
        #expect(try await session.next() == nil)
        await server.stop()
    }
}
