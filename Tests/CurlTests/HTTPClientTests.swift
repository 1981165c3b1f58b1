import Curl
import Foundation
import HTTPServer
import HTTPTypes
import Synchronization
import Testing

@Suite struct HTTPClientTests {
    /// What the server saw of the last request.
    final class LastRequest: Sendable {
        let value = Mutex<HTTPServerRequest?>(nil)
    }

    private func start(
        _ configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        handler: @escaping HTTPServerDaemon.Handler
    ) throws -> (server: HTTPServerDaemon, base: String) {
        let server = HTTPServerDaemon(configuration: configuration, handler: handler)
        try server.start()
        let port = try #require(server.port)
        return (server, "\(configuration.tls == nil ? "http" : "https")://127.0.0.1:\(port)")
    }

    private func echoServer(_ last: LastRequest) throws -> (server: HTTPServerDaemon, base: String) {
        try self.start { request in
            last.value.withLock { $0 = request }
            if request.path == "/redirect" {
                return HTTPServerResponse(status: 303, headers: ["Location": "/target"])
            }
            return HTTPServerResponse(
                status: 200, headers: ["X-Method": request.method, "Content-Type": "application/octet-stream"],
                body: request.body.isEmpty ? Array("path=\(request.path)".utf8) : request.body)
        }
    }

    @Test func libraryVersionNamesLibcurl() {
        #expect(HTTPClient.libraryVersion.contains("libcurl/"))
    }

    @Test func getSendsHeadersAndReadsTheResponse() async throws {
        let last = LastRequest()
        let (server, base) = try self.echoServer(last)
        let response = try await HTTPClient().send(
            HTTPRequest(url: "\(base)/nodes?zone=1", headers: ["Authorization": "Bearer t0k3n", "X-Empty": ""]))
        #expect(response.status == 200)
        #expect(response.headers["x-method"] == "GET")
        #expect(response.headers["content-type"] == "application/octet-stream")
        #expect(response.bodyText == "path=/nodes")
        let seen = try #require(last.value.withLock { $0 })
        #expect(seen.headers["authorization"] == "Bearer t0k3n")
        #expect(seen.headers["x-empty"] == "")
        #expect(seen.headers["user-agent"] == "brickyard")
        #expect(seen.queryValue("zone") == "1")
        await server.stop()
    }

    @Test func postSendsTheBody() async throws {
        let last = LastRequest()
        let (server, base) = try self.echoServer(last)
        let body = Data(#"{"size": 10}"#.utf8)
        let response = try await HTTPClient().send(
            HTTPRequest(
                method: "POST", url: "\(base)/volumes", headers: ["Content-Type": "application/json"], body: body))
        #expect(response.status == 200)
        #expect(response.body == body)
        let seen = try #require(last.value.withLock { $0 })
        #expect(seen.method == "POST")
        #expect(seen.headers["content-type"] == "application/json")
        #expect(seen.headers["content-length"] == "\(body.count)")
        await server.stop()
    }

    @Test(arguments: ["PUT", "PATCH", "DELETE", "HEAD"])
    func otherMethodsAreSentVerbatim(_ method: String) async throws {
        let last = LastRequest()
        let (server, base) = try self.echoServer(last)
        let body: Data? = method == "PUT" || method == "PATCH" ? Data("x".utf8) : nil
        let response = try await HTTPClient().send(HTTPRequest(method: method, url: "\(base)/v", body: body))
        #expect(response.status == 200)
        #expect(response.headers["x-method"] == method)
        #expect(last.value.withLock { $0?.method } == method)
        #expect(response.body.isEmpty == (method == "HEAD"))
        await server.stop()
    }

    @Test func postWithAnEmptyBodySendsContentLengthZero() async throws {
        let last = LastRequest()
        let (server, base) = try self.echoServer(last)
        let response = try await HTTPClient().send(HTTPRequest(method: "POST", url: "\(base)/e", body: Data()))
        #expect(response.status == 200)
        #expect(last.value.withLock { $0?.headers["content-length"] } == "0")
        await server.stop()
    }

    @Test func seeOtherIsReturnedNotFollowed() async throws {
        let last = LastRequest()
        let (server, base) = try self.echoServer(last)
        let response = try await HTTPClient().send(
            HTTPRequest(method: "POST", url: "\(base)/redirect", body: Data("b".utf8)))
        #expect(response.status == 303)
        #expect(response.headers["location"] == "/target")
        #expect(last.value.withLock { $0?.path } == "/redirect")
        let following = HTTPClient(configuration: HTTPClientConfiguration(followRedirects: true))
        let followed = try await following.send(HTTPRequest(url: "\(base)/redirect"))
        #expect(followed.status == 200)
        #expect(followed.bodyText == "path=/target")
        #expect(followed.headers["location"] == nil)
        await server.stop()
    }

    @Test func connectionRefusedIsAClearError() async throws {
        let closed = HTTPServerDaemon { _ in .text("") }
        try closed.start()
        let port = try #require(closed.port)
        await closed.stop()
        do {
            _ = try await HTTPClient().send(HTTPRequest(url: "http://127.0.0.1:\(port)/"))
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.kind == .couldNotConnect)
            #expect(error.code == 7)
            #expect(error.systemErrno == ECONNREFUSED)
            #expect(
                error.description.hasPrefix(
                    "GET http://127.0.0.1:\(port)/: Failed to connect to 127.0.0.1 port \(port)"))
            #expect(error.description.hasSuffix("(Connection refused)"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func malformedURLIsAnInvalidRequest() {
        #expect {
            try HTTPClient().perform(HTTPRequest(url: "http://[oops/"))
        } throws: { error in
            (error as? CurlError)?.kind == .invalidRequest
        }
    }

    @Test func responseOverTheLimitFails() async throws {
        let (server, base) = try self.start { _ in HTTPServerResponse(body: [UInt8](repeating: 7, count: 4096)) }
        let client = HTTPClient(configuration: HTTPClientConfiguration(maxResponseBytes: 1000))
        await #expect {
            try await client.send(HTTPRequest(url: "\(base)/big"))
        } throws: { error in
            (error as? CurlError)?.kind == .responseTooLarge
        }
        await server.stop()
    }

    @Test func timeoutEndsASlowRequest() async throws {
        let gate = Gate()
        let (server, base) = try self.start { _ in
            await gate.wait()
            return .text("late")
        }
        await #expect {
            try await HTTPClient().send(HTTPRequest(url: "\(base)/slow", timeout: .milliseconds(200)))
        } throws: { error in
            (error as? CurlError)?.kind == .timedOut
        }
        await gate.open()
        await server.stop()
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let gate = Gate()
        let entered = Gate()
        let (server, base) = try self.start { _ in
            await entered.open()
            await gate.wait()
            return .text("late")
        }
        let request = Task { try await HTTPClient().send(HTTPRequest(url: "\(base)/slow")) }
        await entered.wait()
        request.cancel()
        await #expect {
            try await request.value
        } throws: { error in
            (error as? CurlError)?.kind == .cancelled
        }
        await gate.open()
        await server.stop()
    }

    @Test func httpsVerifiesTheServerAgainstTheGivenCA() async throws {
        let tls = HTTPServerConfiguration.TLS(
            certificatePEM: TLSFixture.certificatePEM, privateKeyPEM: TLSFixture.privateKeyPEM)
        let (server, base) = try self.start(HTTPServerConfiguration(tls: tls)) { _ in .text("secure") }
        let trusted = HTTPClient(
            configuration: HTTPClientConfiguration(caCertificates: .data(Array(TLSFixture.certificatePEM.utf8))))
        #expect(try await trusted.send(HTTPRequest(url: "\(base)/")).bodyText == "secure")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "curl-ca-\(UUID().uuidString).pem")
        try Data(TLSFixture.certificatePEM.utf8).write(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fromFile = HTTPClient(configuration: HTTPClientConfiguration(caCertificates: .file(directory.path)))
        #expect(try await fromFile.send(HTTPRequest(url: "\(base)/")).status == 200)

        await #expect {
            try await HTTPClient().send(HTTPRequest(url: "\(base)/"))
        } throws: { error in
            (error as? CurlError)?.kind == .tls
        }
        let insecure = HTTPClient(configuration: HTTPClientConfiguration(insecureSkipTLSVerify: true))
        #expect(try await insecure.send(HTTPRequest(url: "\(base)/")).status == 200)
        await server.stop()
    }

    @Test func missingUnixSocketCannotConnect() {
        let client = HTTPClient(configuration: HTTPClientConfiguration(unixSocketPath: "/nonexistent/brickyard.sock"))
        #expect {
            try client.perform(HTTPRequest(url: "http://localhost/"))
        } throws: { error in
            (error as? CurlError)?.kind == .couldNotConnect
        }
    }
}
