import Curl
import HTTPServer
import HTTPTypes
import HeketiAPI
import Testing

/// Clients that send half a request and stall neither hold up other clients nor keep their connection for ever.
///
/// Waits are generous (30 s) because CPU-heavy suites running alongside can hold the cooperative pool for seconds
/// on a 2-core machine; the assertions are about what happens, not how fast.
@Suite struct SlowClientTests {
    /// One client stalls inside the header, one inside the body of a change that must never happen.
    private static func stall(_ server: TestServer) throws -> [RawConnection] {
        let midHeader = try RawConnection(port: server.port)
        try midHeader.write("GET /clusters HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthor")
        let midBody = try RawConnection(port: server.port)
        try midBody.write(
            "POST /clusters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"file\":")
        return [midHeader, midBody]
    }

    @Test func stalledRequestsDoNotBlockOthers() async throws {
        try await TestServer.with(TestServer.Options(listens: true)) { server in
            let api = server.admin
            let stalled = try Self.stall(server)
            var created: [String] = []
            for _ in 0..<5 {
                #expect(try await api.get("/hello").status == 200)
                created.append(try await api.createCluster())
            }
            // Everything above was served while both stalled requests were still open and unanswered.
            for connection in stalled {
                #expect(!connection.hasActivity, "the stalled connection was answered or closed")
            }
            #expect(Set(try await api.fetch(ClusterListResponse.self, "/clusters").clusters) == Set(created))
        }
    }

    @Test func stalledRequestsTimeOut() async throws {
        try await TestServer.with(TestServer.Options(connectionTimeoutSeconds: 1, listens: true)) { server in
            let started = ContinuousClock.now
            let stalled = try Self.stall(server)
            for connection in stalled {
                let (bytes, closed) = try await connection.readUntilClosed(timeout: .seconds(30))
                #expect(closed, "the server closed the stalled connection")
                let answer = String(decoding: bytes, as: UTF8.self)
                #expect(!answer.hasPrefix("HTTP/1.1 2"), "a stalled request was answered: \(answer)")
            }
            #expect(ContinuousClock.now - started >= .milliseconds(500), "closed by the timeout, not at once")
            #expect(try await server.admin.fetch(ClusterListResponse.self, "/clusters").clusters.isEmpty)
            #expect(server.daemon?.openRequestCount == 0)
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        try await TestServer.with(TestServer.Options(connectionTimeoutSeconds: 1, listens: true)) { server in
            let connection = try RawConnection(port: server.port)
            try connection.write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let (bytes, closed) = try await connection.readUntilClosed(timeout: .seconds(30))
            let answer = String(decoding: bytes, as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
            #expect(answer.contains("Hello"))
            #expect(closed, "the idle keep-alive connection was closed")
        }
    }
}
