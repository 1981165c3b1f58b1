import StoreRecords
import Curl
import Planning
import Executor
import Foundation
import HTTPTypes
import HeketiAPI
import RESTAPI
import TestSupport
import Testing

/// `GET /queue/{id}` with `Prefer: wait=N` (RFC 7240): held while the operation runs, answered when it ends, or after
/// N seconds with `Preference-Applied`; without the preference, answered at once as Heketi does. The executor's gate
/// keeps an operation running for exactly as long as a test needs.
@Suite struct HeldPollTests {
    /// Starts a node addition and holds it at the gate; returns its queue location.
    private static func runningNodeAdd(on server: TestServer) async throws -> String {
        let api = server.admin
        let cluster = try await api.createCluster()
        server.executor.close()
        let body = try APIClient.json(
            NodeAddRequest(zone: 1, hostnames: HostnamesMessage(manage: ["n1"], storage: ["n1"]), cluster: cluster))
        let accepted = try await api.post("/nodes", body)
        guard accepted.status == 202, let queue = accepted.headers["Location"] else {
            throw FixtureError("POST /nodes answered \(accepted.status) \(accepted.bodyText)")
        }
        #expect(await eventually { server.executor.waitingCount == 1 }, "the node's probe waits at the gate")
        return queue
    }

    private static func poll(_ server: TestServer, _ queue: String, prefer: String?) async throws -> HTTPResponse {
        try await server.admin.send("GET", queue, headers: prefer.map { ["Prefer": $0] } ?? [:])
    }

    @Test func aHeldPollAnswersAsSoonAsTheOperationEnds() async throws {
        try await TestServer.with { server in
            let queue = try await Self.runningNodeAdd(on: server)
            let held = Task { () throws -> (HTTPResponse, ContinuousClock.Instant) in
                let response = try await Self.poll(server, queue, prefer: "wait=5")
                return (response, ContinuousClock.now)
            }
            // Held for real before the operation may end, so the answer below cannot come from a first read.
            #expect(await eventually { server.service.heldPollCount == 1 })
            let opened = ContinuousClock.now
            server.executor.open()
            let (response, answered) = try await held.value
            #expect(response.status == 303)
            #expect(response.headers["Location"]?.hasPrefix("/nodes/") == true)
            #expect(response.headers["Preference-Applied"] == nil, "answered as without the preference")
            // The hold would last 5 s; the end wakes it, so the answer follows within a fraction of that.
            #expect(answered - opened < .seconds(1), "answered \(answered - opened) after the gate opened")
            #expect(server.service.heldPollCount == 0)
        }
    }

    @Test func aHeldPollOfAFailingOperationAnswersTheFailureAsWithoutThePreference() async throws {
        try await TestServer.with { server in
            server.executor.mock.failWhen { action in
                if case .probePeer = action { return "peer probe: failed" }
                return nil
            }
            let queue = try await Self.runningNodeAdd(on: server)
            let held = Task { () throws -> HTTPResponse in try await Self.poll(server, queue, prefer: "wait=5") }
            #expect(await eventually { server.service.heldPollCount == 1 })
            server.executor.open()
            let response = try await held.value
            let plain = try await Self.poll(server, queue, prefer: nil)
            #expect(response.status == 500)
            #expect(response.bodyText.contains("peer probe: failed"))
            #expect(response.status == plain.status && response.bodyText == plain.bodyText)
            #expect(response.headers["Preference-Applied"] == nil)
        }
    }

    @Test func aPollHeldUntilItsTimeRunsOutSaysSoInPreferenceApplied() async throws {
        try await TestServer.with { server in
            let queue = try await Self.runningNodeAdd(on: server)
            let started = ContinuousClock.now
            let response = try await Self.poll(server, queue, prefer: "wait=1")
            let elapsed = ContinuousClock.now - started
            #expect(response.status == 200)
            #expect(response.headers["X-Pending"] == "true")
            #expect(response.headers["Preference-Applied"] == "wait=1")
            #expect(elapsed >= .seconds(1), "held for the second asked, not \(elapsed)")
            #expect(server.executor.waitingCount == 1, "the operation is still running")
        }
    }

    @Test(arguments: [nil, "wait=abc", "wait=", "wait=0", "wait=-1", "respond-async"])
    func withoutAValidWaitAPollIsAnsweredAtOnce(prefer: String?) async throws {
        try await TestServer.with { server in
            let queue = try await Self.runningNodeAdd(on: server)
            // The gate stays closed: the operation cannot end, so only an unheld poll can come back at all.
            let response = try await Self.poll(server, queue, prefer: prefer)
            #expect(response.status == 200)
            #expect(response.headers["X-Pending"] == "true")
            #expect(response.headers["Preference-Applied"] == nil)
            #expect(server.executor.waitingCount == 1)
        }
    }

    @Test func aFinishedOperationIsAnsweredAtOnceWithThePreference() async throws {
        try await TestServer.with { server in
            let queue = try await Self.runningNodeAdd(on: server)
            server.executor.open()
            #expect(try await server.admin.poll(queue).status == 303)
            let response = try await Self.poll(server, queue, prefer: "wait=10")
            #expect(response.status == 303)
            #expect(response.headers["Preference-Applied"] == nil)
        }
    }

    @Test func beyondTheLimitPollsAreAnsweredAtOnce() async throws {
        try await TestServer.with(TestServer.Options(maxHeldPolls: 1)) { server in
            let queue = try await Self.runningNodeAdd(on: server)
            let held = Task { () throws -> HTTPResponse in try await Self.poll(server, queue, prefer: "wait=5") }
            #expect(await eventually { server.service.heldPollCount == 1 })
            let second = try await Self.poll(server, queue, prefer: "wait=5")
            #expect(second.status == 200 && second.headers["X-Pending"] == "true")
            #expect(second.headers["Preference-Applied"] == nil)
            server.executor.open()
            #expect(try await held.value.status == 303)
        }
    }

    @Test func releasingHeldPollsAnswersThemAtOnce() async throws {
        try await TestServer.with { server in
            let queue = try await Self.runningNodeAdd(on: server)
            let held = Task { () throws -> HTTPResponse in try await Self.poll(server, queue, prefer: "wait=10") }
            #expect(await eventually { server.service.heldPollCount == 1 })
            let released = ContinuousClock.now
            server.service.releaseHeldPolls()
            let response = try await held.value
            #expect(response.status == 200 && response.headers["X-Pending"] == "true")
            #expect(response.headers["Preference-Applied"] == nil, "not held for the time it names")
            #expect(ContinuousClock.now - released < .seconds(5))
            // Once released, a server stopping holds nothing more.
            #expect(try await Self.poll(server, queue, prefer: "wait=10").headers["X-Pending"] == "true")
        }
    }
}
