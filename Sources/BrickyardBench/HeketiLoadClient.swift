import Curl
import Foundation
import HTTPTypes
import HeketiAPI

/// One client of the Heketi REST API for the load driver: its own `HTTPClient` (so its own keep-alive
/// connection), Heketi's asynchronous operation protocol, and 429 handling.
///
/// Owned by one task at a time. Any status other than the expected ones throws
/// `APIBenchmarkError.unexpectedStatus` naming the request.
final class HeketiLoadClient {
    let baseURL: String
    private let http: HTTPClient
    /// How many 429 answers were received (and waited out as `Retry-After` asked).
    private(set) var throttled = 0
    /// How many `GET /queue/{id}` polls were sent.
    private(set) var polls = 0

    /// Sent with every poll of `/queue/{id}`, as Brickyard's own client does (`PollSchedule`): a Brickyard server holds
    /// the poll until the operation ends; a Heketi server ignores it and is polled on `pollDelays`.
    static let preference = "wait=5"

    /// The waits between polls of `/queue/{id}` answered at once: at once, then growing to a cap of 20 ms.
    static let pollDelays: [Duration] = [
        .zero, .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
    ]
    static let pollDelayCap: Duration = .milliseconds(20)

    /// Whether polls send `preference` (Brickyard's client) or not (heketi-cli's).
    let prefersWait: Bool

    init(baseURL: String, prefersWait: Bool = true, requestTimeout: Duration = .seconds(60)) {
        self.baseURL = baseURL
        self.prefersWait = prefersWait
        self.http = HTTPClient(configuration: HTTPClientConfiguration(timeout: requestTimeout, maxIdleHandles: 1))
    }

    /// `POST /clusters`: answers 201 with the cluster.
    func createCluster() async throws -> String {
        let response = try await self.send(
            "POST", "/clusters", body: Self.encode(ClusterCreateRequest()), expecting: [201])
        return try Self.decode(IdentifiedMessage.self, response, request: "POST /clusters").id
    }

    /// `POST /nodes`, then the operation until 303; returns the node id from the `Location`.
    func addNode(_ request: NodeAddRequest) async throws -> String {
        let accepted = try await self.send("POST", "/nodes", body: Self.encode(request), expecting: [202])
        let location = try await self.finish(accepted, request: "POST /nodes", resource: true)
        return String(location.split(separator: "/").last ?? "")
    }

    /// `POST /devices`, then the operation until 204.
    func addDevice(_ request: DeviceAddRequest) async throws {
        let accepted = try await self.send("POST", "/devices", body: Self.encode(request), expecting: [202])
        _ = try await self.finish(accepted, request: "POST /devices", resource: false)
    }

    /// `POST /volumes`, the operation until 303, and one `GET` of the volume. `latency` runs from the first
    /// POST (429 waits included) to the 303.
    func createVolume(_ request: VolumeCreateRequest) async throws -> (id: String, latency: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let accepted = try await self.send("POST", "/volumes", body: Self.encode(request), expecting: [202])
        let location = try await self.finish(accepted, request: "POST /volumes", resource: true)
        let latency = clock.now - start
        let response = try await self.send("GET", location, expecting: [200])
        let volume = try Self.decode(VolumeInfoResponse.self, response, request: "GET \(location)")
        return (volume.id, latency)
    }

    /// `GET /volumes/{id}`; only the status is checked, so the client spends little time per request.
    func getVolume(_ id: String) async throws {
        _ = try await self.send("GET", "/volumes/" + id, expecting: [200])
    }

    /// `GET /metrics` as text; nil when the server does not serve it (Heketi).
    func metrics() async throws -> String? {
        let response = try await self.send("GET", "/metrics", expecting: [200, 404])
        return response.status == 200 ? response.bodyText : nil
    }

    /// `GET /hello`, once, with a short timeout: true when the server answered 200.
    func hello() async -> Bool {
        let request = HTTPRequest(url: self.baseURL + "/hello", timeout: .seconds(1))
        return (try? await self.http.send(request))?.status == 200
    }

    /// Polls the operation named by a 202's `Location` until it is done: returns the resource's `Location`
    /// after a 303 (`resource` true) or an empty string after a 204.
    private func finish(_ accepted: HTTPResponse, request: String, resource: Bool) async throws -> String {
        let queue = try Self.location(accepted, request: request)
        let headers: HTTPHeaders = self.prefersWait ? ["Prefer": Self.preference] : [:]
        var attempt = 0
        while true {
            let delay = attempt < Self.pollDelays.count ? Self.pollDelays[attempt] : Self.pollDelayCap
            if delay > .zero { try await Task.sleep(for: delay) }
            attempt += 1
            self.polls += 1
            let response = try await self.send(
                "GET", queue, headers: headers, expecting: [200, 303, 204], context: request)
            switch response.status {
            case 200 where response.headers["X-Pending"]?.lowercased() == "true":
                // Held for the whole wait: the server holds polls, so the next one goes at once.
                if response.headers["Preference-Applied"] != nil { attempt = 0 }
                continue
            case 303 where resource:
                return try Self.location(response, request: "\(request) -> GET \(queue)")
            case 204 where !resource:
                return ""
            default:
                throw APIBenchmarkError.unexpectedStatus(
                    request: "\(request) -> GET \(queue)", status: response.status, body: response.bodyText)
            }
        }
    }

    /// Sends one request; waits out 429 answers as `Retry-After` asks (1 s when absent) and sends again.
    private func send(
        _ method: String, _ path: String, body: Data? = nil, headers: HTTPHeaders = [:], expecting: Set<Int>,
        context: String? = nil
    ) async throws -> HTTPResponse {
        let name = (context.map { $0 + " -> " } ?? "") + "\(method) \(path)"
        var request = HTTPRequest(
            method: method, url: path.hasPrefix("http") ? path : self.baseURL + path, headers: headers, body: body)
        if body != nil { request.headers.set(name: "Content-Type", value: "application/json") }
        while true {
            let response: HTTPResponse
            do {
                response = try await self.http.send(request)
            } catch {
                throw APIBenchmarkError.transport(request: name, reason: error.description)
            }
            if response.status == 429 {
                self.throttled += 1
                let seconds = response.headers["Retry-After"].flatMap { Double($0) } ?? 1
                try await Task.sleep(for: .milliseconds(Int(max(seconds, 0) * 1000)))
                continue
            }
            guard expecting.contains(response.status) else {
                throw APIBenchmarkError.unexpectedStatus(
                    request: name, status: response.status, body: response.bodyText)
            }
            return response
        }
    }

    private static func encode(_ message: some Encodable) throws -> Data {
        try JSONEncoder().encode(message)
    }

    private static func location(_ response: HTTPResponse, request: String) throws -> String {
        guard let location = response.headers["Location"], !location.isEmpty else {
            throw APIBenchmarkError.badResponse(request: request, problem: "status \(response.status) without Location")
        }
        return location
    }

    private static func decode<Message: Decodable>(
        _ type: Message.Type, _ response: HTTPResponse, request: String
    ) throws -> Message {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw APIBenchmarkError.badResponse(
                request: request, problem: "cannot decode \(Message.self): \(error); body: \(response.bodyText)")
        }
    }
}

/// Any response with an `id`, such as `POST /clusters`.
private struct IdentifiedMessage: Decodable {
    var id: String
}
