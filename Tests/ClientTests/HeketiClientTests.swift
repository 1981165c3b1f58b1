import Authentication
import Client
import Curl
import Foundation
import HTTPTypes
import HeketiAPI
import Synchronization
import Testing

/// The client over a scripted transport: signing, the async protocol followed to its end, throttling and failures.
@Suite struct HeketiClientTests {
    let sleeps = RecordedSleeps()

    func client(_ transport: FakeTransport, secret: String? = "key") -> HeketiClient {
        HeketiClient(
            server: "http://server/", credentials: secret.map { ClientCredentials(user: "admin", secret: $0) },
            transport: transport, now: { 1_700_000_000 }, sleep: self.sleeps.sleep)
    }

    static let volumeJSON = """
        {"size":10,"name":"data","durability":{"type":"replicate","replicate":{"replica":3}},"glustervolumeoptions":[],
         "snapshot":{"enable":false},"id":"v1","cluster":"c1",
         "mount":{"glusterfs":{"device":"h1:data","hosts":["h1"],"options":{}}},"bricks":[]}
        """

    @Test func createFollowsTheQueueToTheVolume() async throws {
        let transport = FakeTransport([
            response(202, [("Location", "/queue/op1")]),
            response(200, [("X-Pending", "true")]),
            response(200, [("X-Pending", "true"), ("Retry-After", "2")]),
            response(303, [("Location", "/volumes/v1")]),
            response(200, body: Self.volumeJSON),
        ])
        let accepted = AcceptedLocations()
        var client = self.client(transport)
        client.onAccepted = { accepted.add($0) }
        let volume = try await client.createVolume(VolumeCreateRequest(size: 10, name: "data"))
        #expect(volume.id == "v1")
        #expect(transport.lines == ["POST /volumes", "GET /queue/op1", "GET /queue/op1", "GET /queue/op1", "GET /volumes/v1"])
        #expect(self.sleeps.all == [.milliseconds(5), .seconds(2)])
        // Every poll asks the server to hold its answer until the operation ends (RFC 7240); nothing else does.
        let prefers = transport.requests.withLock { $0.map { $0.headers["Prefer"] } }
        #expect(prefers == [nil, "wait=5", "wait=5", "wait=5", nil])
        #expect(accepted.all == ["/queue/op1"])
        let body = try #require(transport.requests.withLock { $0[0].body })
        #expect(try JSONDecoder().decode(VolumeCreateRequest.self, from: body).size == 10)
    }

    @Test func everyRequestCarriesItsOwnToken() async throws {
        let transport = FakeTransport([
            response(202, [("Location", "/queue/op1")]), response(204),
        ])
        try await self.client(transport).deleteVolume("v1")
        let verifier = JWTVerifier(adminKey: "key", userKey: nil)
        let requests = transport.requests.withLock { $0 }
        #expect(requests.count == 2)
        for request in requests {
            let path = String(request.url.dropFirst("http://server".count))
            #expect(
                try verifier.verify(
                    authorization: request.headers["Authorization"], method: request.method, path: path,
                    now: 1_700_000_000) == .admin)
        }
        #expect(requests[0].headers["Authorization"] != requests[1].headers["Authorization"])
    }

    @Test func withoutASecretNothingIsSigned() async throws {
        let transport = FakeTransport([response(200, body: #"{"clusters":[]}"#)])
        _ = try await self.client(transport, secret: nil).listClusters()
        #expect(transport.requests.withLock { $0[0].headers["Authorization"] } == nil)
    }

    @Test func aBusyServerIsWaitedOut() async throws {
        let transport = FakeTransport([
            response(429, [("Retry-After", "1")], body: "too many operations"),
            response(429, [("Retry-After", "1")]),
            response(201, body: #"{"id":"c1","nodes":[],"volumes":[],"block":true,"file":true,"blockvolumes":[]}"#),
        ])
        let cluster = try await self.client(transport).createCluster(ClusterCreateRequest())
        #expect(cluster.id == "c1")
        #expect(self.sleeps.all == [.seconds(1), .seconds(1)])
    }

    @Test func aFailedOperationCarriesTheServersMessage() async throws {
        let transport = FakeTransport([
            response(202, [("Location", "/queue/op1")]),
            response(500, body: "no space: the largest free extent is 10 GiB"),
        ])
        await #expect(throws: ClientError.operationFailed(message: "no space: the largest free extent is 10 GiB")) {
            _ = try await self.client(transport).createVolume(VolumeCreateRequest(size: 100))
        }
    }

    @Test func refusalsBeforeAcceptanceAreServerErrors() async throws {
        let transport = FakeTransport([response(404, body: "Id not found")])
        await #expect(throws: ClientError.server(status: 404, message: "Id not found")) {
            _ = try await self.client(transport).volumeInfo("v9")
        }
        #expect(ClientError.server(status: 404, message: "Id not found").description == "Id not found")
    }

    @Test func anUnreachableServerIsOneLine() async throws {
        let transport = FakeTransport { request, _ in
            .failure(
                CurlError(
                    kind: .couldNotConnect, code: 7, function: "curl_easy_perform",
                    message: "Couldn't connect to server", detail: "Failed to connect to server port 80",
                    systemErrno: 111, systemReason: "Connection refused", method: request.method, url: request.url))
        }
        do {
            _ = try await self.client(transport).listVolumes()
            Issue.record("expected a failure")
        } catch {
            #expect(error == .unreachable(server: "http://server", reason: "Failed to connect to server port 80 (Connection refused)"))
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("cannot reach the server at http://server: "))
        }
    }

    @Test func anOperationThatOutlivesTheLimitStopsWaiting() async throws {
        let transport = FakeTransport([
            response(202, [("Location", "/queue/op1")]), response(200, [("X-Pending", "true"), ("Retry-After", "5")]),
        ])
        var client = self.client(transport)
        client.operationTimeout = .seconds(12)
        await #expect(throws: ClientError.operationTimedOut(location: "/queue/op1", seconds: 12)) {
            try await client.deleteVolume("v1")
        }
        #expect(self.sleeps.all == [.seconds(5), .seconds(5)])
    }

    @Test func addDeviceFindsTheNewDeviceOnItsNode() async throws {
        let node = """
            {"zone":1,"hostnames":{"manage":["n1"],"storage":["10.0.0.1"]},"cluster":"c1","id":"n1id","state":"online",
             "devices":[{"name":"/dev/sdb","id":"d1","state":"online","storage":{"total":100,"free":100,"used":0},"bricks":[]}]}
            """
        let transport = FakeTransport([
            response(202, [("Location", "/queue/op1")]), response(204), response(200, body: node),
        ])
        let device = try await self.client(transport).addDevice(DeviceAddRequest(node: "n1id", name: "/dev/sdb"))
        #expect(device.id == "d1")
        #expect(transport.lines == ["POST /devices", "GET /queue/op1", "GET /nodes/n1id"])
    }
}

/// Collects the queue locations the client reports.
final class AcceptedLocations: Sendable {
    private let locations = Mutex<[String]>([])

    func add(_ location: String) {
        self.locations.withLock { $0.append(location) }
    }

    var all: [String] { self.locations.withLock { $0 } }
}

/// Following an operation in real time: a server that holds the poll (as Brickyard does) is heard from as the
/// operation ends; one that answers at once (as Heketi does) is polled a handful of times, not hammered.
@Suite struct OperationFollowingTimeTests {
    /// An operation that ends `duration` after the first poll; a poll that asks for it is held until then.
    final class TimedQueue: HTTPTransport {
        let holds: Bool
        let duration: Duration
        let polls = Mutex<[ContinuousClock.Instant]>([])
        let end = Mutex<ContinuousClock.Instant?>(nil)
        /// When the held poll was answered: the operation's end as the client can first know it.
        let answered = Mutex<ContinuousClock.Instant?>(nil)

        init(holds: Bool, duration: Duration) {
            self.holds = holds
            self.duration = duration
        }

        func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
            let now = ContinuousClock.now
            self.polls.withLock { $0.append(now) }
            let end = self.end.withLock { end in
                if end == nil { end = now + self.duration }
                return end!
            }
            if now >= end { return response(303, [("Location", "/volumes/v1")]) }
            if self.holds, request.headers["Prefer"] == "wait=5" {
                try? await Task.sleep(until: end, clock: .continuous)
                self.answered.withLock { $0 = .now }
                return response(303, [("Location", "/volumes/v1")])
            }
            return response(200, [("X-Pending", "true")])
        }
    }

    @Test func aHeldPollEndsWithTheOperation() async throws {
        let queue = TimedQueue(holds: true, duration: .milliseconds(150))
        let client = HeketiClient(server: "http://server", credentials: nil, transport: queue)
        #expect(try await client.follow("/queue/op1") == "/volumes/v1")
        // Measured from the answer, not from the planned end, so a busy test machine waking the fake late does
        // not count against the client: what is measured is the client's own delay.
        let late = ContinuousClock.now - (queue.answered.withLock { $0 } ?? .now)
        #expect(late < .milliseconds(20), "finished \(late) after the operation")
        #expect(queue.polls.withLock { $0.count } == 1)
    }

    @Test func aServerThatAnswersAtOnceIsPolledWithBackOff() async throws {
        let queue = TimedQueue(holds: false, duration: .milliseconds(100))
        let client = HeketiClient(server: "http://server", credentials: nil, transport: queue)
        #expect(try await client.follow("/queue/op1") == "/volumes/v1")
        // Polls near 0, 5, 15, 35, 75 and 155 ms: six or so, however slow the machine.
        #expect(queue.polls.withLock { $0.count } <= 8)
    }
}
