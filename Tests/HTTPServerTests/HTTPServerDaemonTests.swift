import Curl
import Foundation
import HTTPServer
import HTTPTypes
import Testing

@Suite struct HTTPServerDaemonTests {
    private func start(
        _ configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        handler: @escaping HTTPServerDaemon.Handler
    ) throws -> (server: HTTPServerDaemon, base: String) {
        let server = HTTPServerDaemon(configuration: configuration, handler: handler)
        try server.start()
        let port = try #require(server.port)
        #expect(port != 0)
        return (server, "http://127.0.0.1:\(port)")
    }

    @Test func answersGETWithTheHandlersStatusHeadersAndBody() async throws {
        let recorder = Recorder()
        let (server, base) = try self.start { request in
            recorder.record(request)
            return HTTPServerResponse(
                status: 201, headers: ["X-Brick": "yes", "Content-Type": "text/plain"], body: Array("hello".utf8))
        }
        let response = try await HTTPClient().send(HTTPRequest(url: "\(base)/bricks/b1", headers: ["X-Trace": "t1"]))
        #expect(response.status == 201)
        #expect(response.headers["x-brick"] == "yes")
        #expect(response.headers["Content-Length"] == "5")
        #expect(response.bodyText == "hello")
        let seen = try #require(recorder.all.first)
        #expect(seen.method == "GET")
        #expect(seen.path == "/bricks/b1")
        #expect(seen.headers["x-trace"] == "t1")
        #expect(seen.remoteAddress == "127.0.0.1")
        await server.stop()
        #expect(server.openRequestCount == 0)
    }

    @Test func echoesAPOSTBody() async throws {
        let (server, base) = try self.start { request in
            HTTPServerResponse(status: request.method == "POST" ? 200 : 405, body: request.body)
        }
        let body = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let response = try await HTTPClient().send(HTTPRequest(method: "POST", url: "\(base)/echo", body: body))
        #expect(response.status == 200)
        #expect(response.body == body)
        await server.stop()
    }

    @Test(arguments: [false, true])
    func bodyOverTheLimitGets413WithoutCallingTheHandler(chunked: Bool) async throws {
        let recorder = Recorder()
        let configuration = HTTPServerConfiguration(maxBodyBytes: 1024)
        let (server, base) = try self.start(configuration) { request in
            recorder.record(request)
            return .text("ok")
        }
        let headers: HTTPHeaders = chunked ? ["Transfer-Encoding": "chunked"] : [:]
        let client = HTTPClient()
        let tooLarge = HTTPRequest(method: "POST", url: "\(base)/upload", headers: headers, body: Data(count: 4096))
        let response = try await client.send(tooLarge)
        #expect(response.status == 413)
        #expect(response.bodyText == "request body too large\n")
        #expect(recorder.count == 0)
        let fits = try await client.send(HTTPRequest(method: "POST", url: "\(base)/upload", body: Data(count: 1024)))
        #expect(fits.status == 200)
        #expect(recorder.count == 1)
        await server.stop()
        #expect(server.openRequestCount == 0)
    }

    @Test func queryIsParsedAndPathDecoded() async throws {
        let recorder = Recorder()
        let (server, base) = try self.start { request in
            recorder.record(request)
            return .text("ok")
        }
        _ = try await HTTPClient().send(HTTPRequest(url: "\(base)/volumes/my%20vol?name=a%20b&tag=x&tag=y&flag"))
        let seen = try #require(recorder.all.first)
        #expect(seen.path == "/volumes/my vol")
        #expect(seen.rawQuery == "name=a%20b&tag=x&tag=y&flag")
        #expect(seen.queryItems.map(\.name) == ["name", "tag", "tag", "flag"])
        #expect(seen.queryItems.map(\.value) == ["a b", "x", "y", ""])
        await server.stop()
    }

    @Test func manySequentialKeepAliveRequestsSucceed() async throws {
        let (server, base) = try self.start { request in .text(request.path) }
        let client = HTTPClient()
        for index in 0..<200 {
            let response = try await client.send(HTTPRequest(url: "\(base)/n/\(index)"))
            #expect(response.status == 200)
            #expect(response.bodyText == "/n/\(index)")
        }
        await server.stop()
        #expect(server.openRequestCount == 0)
    }

    @Test func concurrentRequestsFromSeveralTasksSucceed() async throws {
        let (server, base) = try self.start { request in
            await Task.yield()
            return .text(request.queryValue("id") ?? "")
        }
        let client = HTTPClient()
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for index in 0..<25 {
                        let id = "\(task)-\(index)"
                        let response = try await client.send(HTTPRequest(url: "\(base)/c?id=\(id)"))
                        mismatches += response.status == 200 && response.bodyText == id ? 0 : 1
                    }
                    return mismatches
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        await server.stop()
        #expect(server.openRequestCount == 0)
    }

    @Test func stopWaitsForTheHandlerInFlightAndThenRefusesConnections() async throws {
        let gate = Gate()
        let entered = Gate()
        let (server, base) = try self.start { request in
            if request.path == "/slow" {
                await entered.open()
                await gate.wait()
            }
            return .text("done")
        }
        // A keep-alive connection opened before stopping sees 503 once the server is stopping.
        let probe = HTTPClient()
        #expect(try await probe.send(HTTPRequest(url: "\(base)/fast")).status == 200)
        let slow = Task { try await HTTPClient().send(HTTPRequest(url: "\(base)/slow")) }
        await entered.wait()
        let stopping = Task { await server.stop() }
        var sawShutdown = false
        for _ in 0..<10_000 where !sawShutdown {
            let status = try await probe.send(HTTPRequest(url: "\(base)/fast")).status
            sawShutdown = status == 503
            await Task.yield()
        }
        #expect(sawShutdown)
        await gate.open()
        #expect(try await slow.value.bodyText == "done")
        await stopping.value
        #expect(server.port == nil)
        do {
            _ = try await HTTPClient().send(HTTPRequest(url: "\(base)/fast"))
            Issue.record("a stopped server answered")
        } catch {
            #expect(error.kind == .couldNotConnect)
            #expect(error.systemReason == "Connection refused")
        }
        #expect(server.openRequestCount == 0)
    }

    @Test func oversizedHeaderGets431AndOversizedURI414FromLibmicrohttpd() async throws {
        let recorder = Recorder()
        let (server, base) = try self.start(HTTPServerConfiguration(connectionMemoryLimit: 16 << 10)) { request in
            recorder.record(request)
            return .text("ok")
        }
        let big = String(repeating: "x", count: 32 << 10)
        let response = try await HTTPClient().send(HTTPRequest(url: "\(base)/h", headers: ["X-Big": big]))
        #expect(response.status == 431)
        let longURI = try await HTTPClient().send(HTTPRequest(url: "\(base)/\(big)"))
        #expect(longURI.status == 414)
        #expect(recorder.count == 0)
        await server.stop()
        #expect(server.openRequestCount == 0)
    }

    @Test func invalidResponseHeaderBecomesA500() async throws {
        let (server, base) = try self.start { _ in
            HTTPServerResponse(status: 200, headers: ["X-Bad": "line\r\nInjected: yes"], body: [])
        }
        let response = try await HTTPClient().send(HTTPRequest(url: "\(base)/"))
        #expect(response.status == 500)
        #expect(response.headers["Injected"] == nil)
        await server.stop()
    }

    @Test func startingTwiceOrOnABadAddressFails() async throws {
        let (server, _) = try self.start { _ in .text("ok") }
        #expect(throws: HTTPServerError.notStartable) {
            try server.start()
        }
        #expect(throws: HTTPServerError.invalidHost("localhost")) {
            try HTTPServerDaemon(configuration: HTTPServerConfiguration(host: "localhost")) { _ in .text("") }.start()
        }
        let port = try #require(server.port)
        do {
            try HTTPServerDaemon(configuration: HTTPServerConfiguration(port: port)) { _ in .text("") }.start()
            Issue.record("two daemons bound one port")
        } catch {
            guard case .startFailed(_, _, let errno, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(errno == EADDRINUSE)
        }
        await server.stop()
        #expect(throws: HTTPServerError.notStartable) {
            try server.start()
        }
    }

    @Test func servesOverIPv6Loopback() async throws {
        let server = HTTPServerDaemon(configuration: HTTPServerConfiguration(host: "::1")) { request in
            .text(request.remoteAddress ?? "")
        }
        do {
            try server.start()
        } catch {
            // Containers without IPv6 cannot bind ::1; the IPv4 tests cover everything else.
            return
        }
        let port = try #require(server.port)
        let response = try await HTTPClient().send(HTTPRequest(url: "http://[::1]:\(port)/"))
        #expect(response.bodyText == "::1")
        await server.stop()
    }
}
