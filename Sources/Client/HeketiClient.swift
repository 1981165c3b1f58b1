public import Curl
public import Foundation
import HTTPTypes

/// A typed client for Heketi's REST API (as Brickyard and Heketi serve it): every request signed on its own,
/// refusals turned into `ClientError`s carrying the server's message, and asynchronous operations followed to their
/// end.
///
/// The transport, the clock and the sleep are injected so the whole protocol (throttling, polling, failures) runs in
/// tests without a network or real waiting.
public struct HeketiClient: Sendable {
    /// The server's base URL without a trailing slash, such as `http://127.0.0.1:8080`.
    public let server: String
    let transport: any HTTPTransport
    let signer: RequestSigner?
    let now: @Sendable () -> Int64
    let sleep: @Sendable (Duration) async throws -> Void
    /// The limit on each single request.
    public var requestTimeout: Duration = .seconds(60)
    /// The limit on following one asynchronous operation; `nil` waits for as long as it takes.
    public var operationTimeout: Duration?
    /// How many times a request refused with 429 (the server is busy) is retried before giving up.
    public var busyRetries = 120
    /// Told when an operation has been accepted, with its queue location, so the caller can show progress.
    public var onAccepted: (@Sendable (String) -> Void)?

    /// - Parameters:
    ///   - credentials: sign each request with these, or send none when `nil` (a server with auth disabled).
    ///   - now: Unix seconds, for the tokens' `iat` and `exp`.
    ///   - sleep: waits between polls; `Task.sleep` outside tests.
    public init(
        server: String, credentials: ClientCredentials?, transport: any HTTPTransport,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        var base = server
        while base.hasSuffix("/") { base.removeLast() }
        self.server = base
        self.transport = transport
        self.signer = credentials.map { RequestSigner(credentials: $0) }
        self.now = now
        self.sleep = sleep
    }

    /// Sends one request, retrying while the server answers 429 (busy) for as long as `Retry-After` asks.
    public func send(
        _ method: String, _ path: String, body: Data? = nil, headers extra: [(String, String)] = []
    ) async throws(ClientError) -> HTTPResponse {
        var attempt = 0
        while true {
            let response = try await self.sendOnce(method, path, body: body, headers: extra)
            guard response.status == 429, attempt < self.busyRetries else { return response }
            try await self.wait(OperationStep.delay(retryAfter: response.headers["Retry-After"], attempt: attempt))
            attempt += 1
        }
    }

    private func sendOnce(
        _ method: String, _ path: String, body: Data?, headers extra: [(String, String)]
    ) async throws(ClientError) -> HTTPResponse {
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if body != nil { headers.set(name: "Content-Type", value: "application/json") }
        for (name, value) in extra { headers.set(name: name, value: value) }
        if let signer = self.signer {
            headers.set(name: "Authorization", value: try signer.authorization(method: method, path: path, now: self.now()))
        }
        let request = HTTPRequest(
            method: method, url: self.server + path, headers: headers, body: body, timeout: self.requestTimeout)
        do throws(CurlError) {
            return try await self.transport.send(request)
        } catch {
            throw .unreachable(server: self.server, reason: Self.reason(error))
        }
    }

    /// curl's explanation without the request line, which the caller's message already names.
    static func reason(_ error: CurlError) -> String {
        var text = error.detail
        if let reason = error.systemReason, !text.contains(reason) { text += " (\(reason))" }
        return text
    }

    func wait(_ delay: Duration) async throws(ClientError) {
        do {
            try await self.sleep(delay)
        } catch {
            throw .operationFailed(message: "interrupted while waiting for the server")
        }
    }

    /// Sends a request that must answer `expected`; anything else becomes the server's message.
    public func request(
        _ method: String, _ path: String, body: Data? = nil, expecting expected: Set<Int> = [200]
    ) async throws(ClientError) -> HTTPResponse {
        let response = try await self.send(method, path, body: body)
        guard expected.contains(response.status) else { throw ResponseMessage.error(for: response) }
        return response
    }

    /// Sends a request Heketi answers with 202 and a queue location, and follows the operation to its end.
    /// Returns the result's location (such as `/volumes/<id>`), or `nil` when the operation has nothing to show.
    public func perform(_ method: String, _ path: String, body: Data? = nil) async throws(ClientError) -> String? {
        let response = try await self.request(method, path, body: body, expecting: [200, 201, 202, 204, 303])
        switch response.status {
        case 202:
            guard let location = response.headers["Location"], !location.isEmpty else {
                throw .unexpectedResponse(request: "\(method) \(path)", detail: "202 without a Location")
            }
            self.onAccepted?(location)
            return try await self.follow(location)
        case 303:
            return response.headers["Location"]
        default:
            return nil
        }
    }

    /// Polls `location` (`/queue/<id>`) until the operation ends: its result's location, `nil`, or its failure.
    /// Each poll asks the server to hold its answer until the operation ends (`Prefer: wait=5`); between polls the
    /// client waits as `PollSchedule` says.
    public func follow(_ location: String) async throws(ClientError) -> String? {
        var waited = Duration.zero
        var attempt = 0
        while true {
            let started = ContinuousClock.now
            let response = try await self.send("GET", location, headers: [("Prefer", PollSchedule.preference)])
            let heldFor = ContinuousClock.now - started
            switch OperationStep.after(response) {
            case .completed(let result):
                return result
            case .failed(let error):
                throw error
            case .pending:
                let applied = response.headers["Preference-Applied"]
                let delay = PollSchedule.delay(
                    attempt: attempt, retryAfter: response.headers["Retry-After"], preferenceApplied: applied,
                    heldFor: heldFor)
                // Time is counted as the waits add up, so tests with an instant `sleep` see the same limit.
                waited += heldFor
                if let limit = self.operationTimeout, waited + delay > limit {
                    throw .operationTimedOut(location: location, seconds: Int(limit.components.seconds))
                }
                try await self.wait(delay)
                waited += delay
                if !PollSchedule.held(preferenceApplied: applied, heldFor: heldFor) { attempt += 1 }
            }
        }
    }

    /// Decodes a JSON body, naming the request when the server's answer does not fit.
    public func decode<Value: Decodable>(_ type: Value.Type, from response: HTTPResponse, request: String)
        throws(ClientError) -> Value
    {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw .unexpectedResponse(request: request, detail: "the body is not a \(Value.self): \(error)")
        }
    }

    /// GETs `path` and decodes its JSON body.
    public func get<Value: Decodable>(_ type: Value.Type, _ path: String) async throws(ClientError) -> Value {
        let response = try await self.request("GET", path)
        return try self.decode(type, from: response, request: "GET \(path)")
    }

    /// Encodes a request message; Heketi's messages always encode.
    static func body(_ value: some Encodable) -> Data {
        (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
    }

    /// The last path segment of a location such as `/nodes/<id>`.
    static func identifier(in location: String?) -> String? {
        location.flatMap { $0.split(separator: "/").last.map(String.init) }
    }
}
