import Authentication
import Curl
import Foundation
import HTTPServer
import HTTPTypes
import RESTAPI

/// Speaks Heketi's REST protocol to a `TestServer`: signs one JWT per request (`iss`, `iat`, `exp`, `qsh` of
/// `METHOD&path`) and follows asynchronous operations through `/queue`. Requests go straight to the service, or over
/// loopback with the project's libcurl client when the server listens.
struct APIClient: Sendable {
    enum Transport: Sendable {
        /// The service's handler called in process, with the request the HTTP layer would hand it.
        case direct(RESTService)
        /// HTTP to this base URL.
        case loopback(String)
    }

    enum Role: Sendable {
        case admin, user, anonymous
    }

    /// What a single request carries in `Authorization`.
    enum Authorization: Sendable {
        /// A fresh token signed for this role, method and path.
        case signed
        /// Exactly this header value.
        case header(String)
        /// No header at all.
        case omitted
    }

    let transport: Transport
    let role: Role
    /// The server's fixed clock, used for `iat` and `exp`.
    let now: Int64

    /// One client for every test: its pooled handles give keep-alive connections.
    static let http = HTTPClient(configuration: HTTPClientConfiguration(timeout: .seconds(20)))

    var signer: JWTSigner? {
        switch self.role {
        case .admin: JWTSigner(issuer: "admin", key: TestServer.adminKey)
        case .user: JWTSigner(issuer: "user", key: TestServer.userKey)
        case .anonymous: nil
        }
    }

    // MARK: Requests

    func send(
        _ method: String, _ path: String, body: String? = nil, headers: HTTPHeaders = [:],
        authorization: Authorization = .signed
    ) async throws -> HTTPResponse {
        try await self.send(
            method, path, data: body.map { Data($0.utf8) }, headers: headers, authorization: authorization)
    }

    func send(
        _ method: String, _ path: String, data: Data?, headers: HTTPHeaders = [:],
        authorization: Authorization = .signed
    ) async throws -> HTTPResponse {
        var headers = headers
        switch authorization {
        case .signed:
            if let signer = self.signer {
                headers.set(
                    name: "Authorization", value: try signer.authorization(method: method, path: path, now: self.now))
            }
        case .header(let value):
            headers.set(name: "Authorization", value: value)
        case .omitted:
            break
        }
        if data != nil, headers["Content-Type"] == nil {
            headers.set(name: "Content-Type", value: "application/json")
        }
        switch self.transport {
        case .loopback(let base):
            return try await Self.http.send(HTTPRequest(method: method, url: base + path, headers: headers, body: data))
        case .direct(let service):
            let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let request = HTTPServerRequest(
                method: method, path: String(parts[0]).removingPercentEncoding ?? String(parts[0]),
                rawQuery: parts.count > 1 ? String(parts[1]) : "", headers: headers, body: data.map { [UInt8]($0) } ?? [],
                remoteAddress: "127.0.0.1")
            let response = await service.handle(request)
            return HTTPResponse(status: response.status, headers: response.headers, body: Data(response.body))
        }
    }

    func get(_ path: String) async throws -> HTTPResponse {
        try await self.send("GET", path)
    }

    func post(_ path: String, _ json: String) async throws -> HTTPResponse {
        try await self.send("POST", path, body: json)
    }

    func delete(_ path: String) async throws -> HTTPResponse {
        try await self.send("DELETE", path)
    }

    // MARK: Heketi's asynchronous protocol

    /// Sends a request that must be accepted (202 with `Location: /queue/{id}`) and returns how its operation ended:
    /// 303 to the resource, 204, or 500.
    func perform(_ method: String, _ path: String, body: String? = nil) async throws -> HTTPResponse {
        let accepted = try await self.send(method, path, body: body)
        return try await self.follow(accepted)
    }

    /// Follows a 202 to the end of its operation.
    func follow(_ accepted: HTTPResponse) async throws -> HTTPResponse {
        guard accepted.status == 202, let location = accepted.headers["Location"], location.hasPrefix("/queue/") else {
            throw FixtureError(
                "expected 202 with a /queue location, got \(accepted.status) \(accepted.headers) \(accepted.bodyText)")
        }
        return try await self.poll(location)
    }

    /// Polls a queue location until it stops answering 200 with `X-Pending: true`.
    func poll(_ location: String, timeout: Duration = .seconds(15)) async throws -> HTTPResponse {
        let deadline = ContinuousClock.now + timeout
        while true {
            let response = try await self.get(location)
            guard response.status == 200, response.headers["X-Pending"] == "true" else { return response }
            guard ContinuousClock.now < deadline else {
                throw FixtureError("\(location) still pending after \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    // MARK: Bodies

    func decode<Value: Decodable>(_ type: Value.Type, _ response: HTTPResponse) throws -> Value {
        guard response.status == 200 || response.status == 201 else {
            throw FixtureError("expected a JSON body, got \(response.status) \(response.bodyText)")
        }
        return try JSONDecoder().decode(type, from: response.body)
    }

    /// GETs `path` and decodes its JSON body.
    func fetch<Value: Decodable>(_ type: Value.Type, _ path: String) async throws -> Value {
        try self.decode(type, try await self.get(path))
    }

    /// The id at the end of a 303's `Location` under `prefix`, such as `/volumes/`.
    static func id(from response: HTTPResponse, under prefix: String) throws -> String {
        guard response.status == 303, let location = response.headers["Location"], location.hasPrefix(prefix) else {
            throw FixtureError(
                "expected 303 to \(prefix)…, got \(response.status) \(response.headers) \(response.bodyText)")
        }
        return String(location.dropFirst(prefix.count))
    }
}
