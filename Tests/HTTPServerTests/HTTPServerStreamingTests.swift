import Curl
import Foundation
import HTTPServer
import HTTPTypes
import Synchronization
import TestSupport
import Testing

/// Streaming responses over real loopback HTTP: chunks in order, a client that leaves, a server that stops.
@Suite struct HTTPServerStreamingTests {
    /// Whether a stream's `onTermination` ran, and how.
    final class Termination: Sendable {
        private let state = Mutex<AsyncStream<[UInt8]>.Continuation.Termination?>(nil)

        func record(_ termination: AsyncStream<[UInt8]>.Continuation.Termination) {
            self.state.withLock { $0 = termination }
        }

        var happened: Bool {
            self.state.withLock { $0 != nil }
        }
    }

    /// A stream fed by `produce`, whose termination is recorded and cancels the producer.
    private static func stream(
        _ termination: Termination, _ produce: @escaping @Sendable (AsyncStream<[UInt8]>.Continuation) async -> Void
    ) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let producer = Task { await produce(continuation) }
        continuation.onTermination = { reason in
            termination.record(reason)
            producer.cancel()
        }
        return stream
    }

    private func start(_ handler: @escaping HTTPServerDaemon.Handler) throws -> (HTTPServerDaemon, String) {
        let server = HTTPServerDaemon(handler: handler)
        try server.start()
        return (server, "http://127.0.0.1:\(try #require(server.port))")
    }

    @Test func chunksYieldedWithPausesArriveInOrderAndTheStreamEnds() async throws {
        let termination = Termination()
        let (server, base) = try self.start { _ in
            .streaming(headers: ["Content-Type": "application/json"], Self.stream(termination) { continuation in
                for index in 1...3 {
                    continuation.yield(Array("chunk \(index)\n".utf8))
                    // A pause with nothing buffered makes the reader suspend the connection and the next chunk
                    // resume it: the path under test, not a wait for a condition.
                    try? await Task.sleep(for: .milliseconds(30))
                }
                continuation.finish()
            })
        }
        let response = try await HTTPClient().send(HTTPRequest(url: "\(base)/watch"))
        #expect(response.status == 200)
        #expect(response.bodyText == "chunk 1\nchunk 2\nchunk 3\n")
        #expect(response.headers["Transfer-Encoding"]?.lowercased() == "chunked")
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(await eventually { termination.happened })
        await server.stop()
        #expect(server.openRequestCount == 0)
    }

    @Test func aLargeBodyStreamsWhole() async throws {
        let termination = Termination()
        let piece = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let (server, base) = try self.start { _ in
            .streaming(Self.stream(termination) { continuation in
                for _ in 0..<8 { continuation.yield(piece) }
                continuation.finish()
            })
        }
        let response = try await HTTPClient().send(HTTPRequest(url: "\(base)/big"))
        #expect(response.body == Data(Array(repeating: piece, count: 8).joined()))
        await server.stop()
        #expect(server.openRequestCount == 0)
    }

    @Test func aClientThatLeavesMidStreamTerminatesTheProducer() async throws {
        let termination = Termination()
        let (server, base) = try self.start { _ in
            .streaming(Self.stream(termination) { continuation in
                // Endless: only the client leaving ends it (noticed at the next write).
                while !Task.isCancelled {
                    continuation.yield(Array("tick\n".utf8))
                    try? await Task.sleep(for: .milliseconds(20))
                }
            })
        }
        await #expect(throws: CurlError.self) {
            _ = try await HTTPClient().send(HTTPRequest(url: "\(base)/endless", timeout: .milliseconds(300)))
        }
        #expect(await eventually { termination.happened })
        #expect(await eventually { server.openRequestCount == 0 })
        await server.stop()
    }

    @Test func stopEndsAnOpenStreamAndDrains() async throws {
        let termination = Termination()
        let started = Termination()
        let (server, base) = try self.start { _ in
            .streaming(Self.stream(termination) { continuation in
                continuation.yield(Array("first\n".utf8))
                started.record(.finished)
                // Never finishes by itself: only the server stopping ends it.
            })
        }
        let client = Task { try await HTTPClient().send(HTTPRequest(url: "\(base)/open", timeout: .seconds(20))) }
        #expect(await eventually { started.happened && server.openRequestCount == 1 })
        await server.stop()
        #expect(termination.happened)
        #expect(server.openRequestCount == 0)
        // The body ends properly (no transfer error); the chunk is in it unless the stop overtook the pump.
        let response = try await client.value
        #expect(response.status == 200)
        #expect(["", "first\n"].contains(response.bodyText))
    }
}
