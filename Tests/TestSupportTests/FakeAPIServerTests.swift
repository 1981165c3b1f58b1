import Curl
import Foundation
import KubernetesAPI
import TestSupport
import Testing

@Suite struct FakeAPIServerTests {
    static let volumes = ResourceKind.glusterVolumes

    static func volume(_ name: String, size: String = "1Gi", labels: [String: String] = [:], finalizers: [String] = [])
        -> [String: Any]
    {
        var metadata: [String: Any] = ["name": name, "namespace": "ns"]
        if !labels.isEmpty { metadata["labels"] = labels }
        if !finalizers.isEmpty { metadata["finalizers"] = finalizers }
        return ["apiVersion": "brickyard.io/v1alpha1", "kind": "GlusterVolume", "metadata": metadata, "spec": ["size": size]]
    }

    private func create(_ api: FakeAPIClient, _ object: [String: Any]) async throws -> Data {
        let response = try await api.send(.create(Self.volumes, namespace: "ns", body: json(object)))
        #expect(response.status == 201)
        return response.body
    }

    @Test func createGetAndConflictingCreate() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        let created = try await self.create(api, Self.volume("v1"))
        #expect(field(created, "metadata.resourceVersion") as? String == "1")
        #expect(field(created, "metadata.generation") as? Int == 1)
        #expect((field(created, "metadata.uid") as? String)?.isEmpty == false)
        #expect(field(created, "metadata.creationTimestamp") is String)
        let got = try await api.send(.get(Self.volumes, "v1", namespace: "ns"))
        #expect(got.status == 200)
        #expect(field(got.body, "spec.size") as? String == "1Gi")
        let again = try await api.send(.create(Self.volumes, namespace: "ns", body: json(Self.volume("v1"))))
        let status = APIStatus.decode(code: again.status, body: [UInt8](again.body))
        #expect(status.code == 409 && status.reason == "AlreadyExists" && !status.isConflict)
        let missing = try await api.send(.get(Self.volumes, "nope", namespace: "ns"))
        #expect(APIStatus.decode(code: missing.status, body: [UInt8](missing.body)).reason == "NotFound")
        await server.stop()
    }

    @Test func listsInPagesWithALabelSelector() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        for index in 0..<5 {
            _ = try await self.create(api, Self.volume("v\(index)", labels: ["tier": index % 2 == 0 ? "even" : "odd"]))
        }
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let response = try await api.send(.list(Self.volumes, namespace: "ns", limit: 2, continue: token))
            let page = try ListPage.decode([UInt8](response.body))
            #expect(page.resourceVersion == "5")
            names += page.items.compactMap { field($0, "metadata.name") as? String }
            token = page.continueToken
            pages += 1
        } while token != nil
        #expect(names == ["v0", "v1", "v2", "v3", "v4"])
        #expect(pages == 3)
        let even = try await api.send(.list(Self.volumes, namespace: nil, labelSelector: "tier=even"))
        let evenNames = try ListPage.decode([UInt8](even.body)).items.compactMap { field($0, "metadata.name") as? String }
        #expect(evenNames == ["v0", "v2", "v4"])
        await server.stop()
    }

    @Test func staleUpdateIsAConflictAndMissingIsNotFound() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        let created = try await self.create(api, Self.volume("v1"))
        var object = try #require(try JSONSerialization.jsonObject(with: created) as? [String: Any])
        object["spec"] = ["size": "2Gi"]
        let updated = try await api.send(.update(Self.volumes, "v1", namespace: "ns", body: json(object)))
        #expect(updated.status == 200)
        #expect(field(updated.body, "metadata.generation") as? Int == 2)
        #expect(field(updated.body, "metadata.resourceVersion") as? String == "2")
        // The same body again carries resourceVersion 1: stale.
        let stale = try await api.send(.update(Self.volumes, "v1", namespace: "ns", body: json(object)))
        #expect(APIStatus.decode(code: stale.status, body: [UInt8](stale.body)).isConflict)
        let missing = try await api.send(.update(Self.volumes, "v9", namespace: "ns", body: json(Self.volume("v9"))))
        #expect(missing.status == 404)
        await server.stop()
    }

    @Test func mergePatchAndTheStatusSubresource() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        _ = try await self.create(api, Self.volume("v1"))
        let patched = try await api.send(
            .mergePatch(Self.volumes, "v1", namespace: "ns", body: json(["spec": ["size": "3Gi", "replica": 3]])))
        #expect(patched.status == 200)
        #expect(field(patched.body, "spec.size") as? String == "3Gi")
        #expect(field(patched.body, "spec.replica") as? Int == 3)
        #expect(field(patched.body, "metadata.generation") as? Int == 2)
        let status = try await api.send(
            .mergePatch(Self.volumes, "v1", namespace: "ns", subresource: "status", body: json(["status": ["phase": "Ready"], "spec": ["size": "9Gi"]])))
        #expect(field(status.body, "status.phase") as? String == "Ready")
        #expect(field(status.body, "spec.size") as? String == "3Gi")
        #expect(field(status.body, "metadata.generation") as? Int == 2)
        // A write to the object itself ignores status.
        let ignored = try await api.send(
            .mergePatch(Self.volumes, "v1", namespace: "ns", body: json(["status": ["phase": "Broken"], "spec": ["replica": NSNull()]])))
        #expect(field(ignored.body, "status.phase") as? String == "Ready")
        #expect(field(ignored.body, "spec.replica") == nil)
        #expect(field(ignored.body, "metadata.generation") as? Int == 3)
        await server.stop()
    }

    @Test func finalizersHoldADeleteUntilEmptied() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        let created = try await self.create(api, Self.volume("v1", finalizers: ["brickyard.io/bricks"]))
        let uid = try #require(field(created, "metadata.uid") as? String)
        let wrongUID = try await api.send(.delete(Self.volumes, "v1", namespace: "ns", uid: "other"))
        #expect(APIStatus.decode(code: wrongUID.status, body: [UInt8](wrongUID.body)).isConflict)
        let marked = try await api.send(.delete(Self.volumes, "v1", namespace: "ns", uid: uid, resourceVersion: "1"))
        #expect(marked.status == 200)
        #expect(field(marked.body, "metadata.deletionTimestamp") is String)
        #expect(server.object(Self.volumes, namespace: "ns", name: "v1") != nil)
        let emptied = try await api.send(
            .mergePatch(Self.volumes, "v1", namespace: "ns", body: json(["metadata": ["finalizers": NSNull()]])))
        #expect(emptied.status == 200)
        #expect(server.object(Self.volumes, namespace: "ns", name: "v1") == nil)
        let events = try await api.watch(.watch(Self.volumes, namespace: "ns", resourceVersion: "1", timeoutSeconds: 1))
        #expect(events.filter { if case .modified = $0 { true } else { false } }.count == 1)
        #expect(events.contains { if case .deleted = $0 { true } else { false } })
        await server.stop()
    }

    @Test func watchReplaysFromAVersionThenSendsLiveEventsAndBookmarks() async throws {
        let server = try FakeAPIServer(options: FakeAPIServer.Options(bookmarkInterval: .milliseconds(50)))
        let api = FakeAPIClient(server: server)
        _ = try await self.create(api, Self.volume("v1"))
        _ = try await self.create(api, Self.volume("v2"))
        let watching = Task { try await api.watch(.watch(Self.volumes, namespace: "ns", resourceVersion: "1", timeoutSeconds: 3)) }
        #expect(await eventually { server.openWatchCount == 1 })
        try server.delete(Self.volumes, namespace: "ns", name: "v1")
        let events = try await watching.value
        let names = events.compactMap { event -> String? in
            switch event {
            case .added(let data): "ADDED " + (field(data, "metadata.name") as? String ?? "")
            case .deleted(let data): "DELETED " + (field(data, "metadata.name") as? String ?? "")
            default: nil
            }
        }
        #expect(names == ["ADDED v2", "DELETED v1"])
        #expect(events.contains(.bookmark(resourceVersion: "3")))
        #expect(await eventually { server.openWatchCount == 0 })
        await server.stop()
    }

    @Test func watchFromZeroStartsWithEveryObject() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        _ = try await self.create(api, Self.volume("a", labels: ["x": "1"]))
        _ = try await self.create(api, Self.volume("b"))
        let events = try await api.watch(
            .watch(Self.volumes, namespace: nil, resourceVersion: "0", timeoutSeconds: 1, labelSelector: "x=1"))
        #expect(events.count == 1)
        guard case .added(let data) = events.first else { Issue.record("no ADDED first"); return }
        #expect(field(data, "metadata.name") as? String == "a")
        await server.stop()
    }

    @Test(arguments: [false, true])
    func compactedVersionIsGone(asHTTPStatus: Bool) async throws {
        let server = try FakeAPIServer(options: FakeAPIServer.Options(goneAsHTTPStatus: asHTTPStatus))
        let api = FakeAPIClient(server: server)
        _ = try await self.create(api, Self.volume("v1"))
        _ = try await self.create(api, Self.volume("v2"))
        server.compact()
        let request = APIRequest.watch(Self.volumes, namespace: "ns", resourceVersion: "1", timeoutSeconds: 1)
        if asHTTPStatus {
            let response = try await api.send(request)
            #expect(APIStatus.decode(code: response.status, body: [UInt8](response.body)).isGone)
        } else {
            let events = try await api.watch(request)
            guard case .error(let status) = events.first else { Issue.record("no ERROR event: \(events)"); return }
            #expect(status.isGone && status.code == 410)
        }
        // From the current version nothing is missing.
        let current = try await api.watch(.watch(Self.volumes, namespace: "ns", resourceVersion: server.resourceVersion, timeoutSeconds: 1))
        #expect(!current.contains { if case .error = $0 { true } else { false } })
        await server.stop()
    }

    @Test func droppedWatchesEndMidStream() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        let watching = Task { try await api.send(.watch(Self.volumes, namespace: "ns", resourceVersion: "0", timeoutSeconds: 30)) }
        #expect(await eventually { server.openWatchCount == 1 })
        server.dropWatches(partialLine: true)
        let response = try await watching.value
        var decoder = WatchStreamDecoder()
        #expect(try decoder.feed([UInt8](response.body)).isEmpty)
        #expect(decoder.hasPartialEvent)
        await server.stop()
    }

    @Test func aRequiredTokenRefusesOthersWith401() async throws {
        let server = try FakeAPIServer(options: FakeAPIServer.Options(bearerToken: "secret"))
        let anonymous = try await FakeAPIClient(server: server).send(.list(Self.volumes, namespace: "ns"))
        #expect(anonymous.status == 401)
        #expect(APIStatus.decode(code: anonymous.status, body: [UInt8](anonymous.body)).reason == "Unauthorized")
        let allowed = try await FakeAPIClient(server: server, token: "secret").send(.list(Self.volumes, namespace: "ns"))
        #expect(allowed.status == 200)
        await server.stop()
    }

    @Test func injectedFaultsAreUsedUpOrHeldUntilCleared() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        server.inject(.status(500), matching: FakeRequestPattern(method: "GET", pathContains: "glustervolumes"), times: 2)
        for expected in [500, 500, 200] {
            #expect(try await api.send(.list(Self.volumes, namespace: "ns")).status == expected)
        }
        server.inject(.hang, matching: FakeRequestPattern(method: "POST"))
        let hung = Task { try await api.send(.create(Self.volumes, namespace: "ns", body: json(Self.volume("v1")))) }
        #expect(await eventually { server.requestCounts["create"] == 1 })
        #expect(server.object(Self.volumes, namespace: "ns", name: "v1") == nil)
        server.clearFaults()
        #expect(try await hung.value.status == 201)
        server.inject(.delay(.milliseconds(100)), times: 1)
        let started = ContinuousClock.now
        #expect(try await api.send(.get(Self.volumes, "v1", namespace: "ns")).status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(100))
        await server.stop()
    }

    @Test func theWriteLogHasOnlyRequestsThatChangedSomething() async throws {
        let server = try FakeAPIServer()
        let api = FakeAPIClient(server: server)
        let created = try await self.create(api, Self.volume("v1"))
        // An update that changes nothing and a patch to the same value are not writes.
        let same = try await api.send(.update(Self.volumes, "v1", namespace: "ns", body: [UInt8](created)))
        #expect(same.status == 200)
        _ = try await api.send(.mergePatch(Self.volumes, "v1", namespace: "ns", body: json(["spec": ["size": "1Gi"]])))
        _ = try await api.send(.get(Self.volumes, "v1", namespace: "ns"))
        #expect(server.resourceVersion == "1")
        let writes = server.writes
        #expect(writes.count == 1)
        #expect(writes.first?.verb == "create")
        #expect(writes.first?.method == "POST")
        #expect(writes.first?.status == 201)
        #expect(writes.first?.userAgent == "brickyard-test")
        #expect(writes.first?.resourceVersion == "1")
        #expect(server.requestCounts == ["create": 1, "update": 1, "patch": 1, "get": 1])
        server.resetLog()
        #expect(server.writes.isEmpty && server.requestCounts.isEmpty)
        await server.stop()
    }

    @Test func applyReplacesSpecAndKeepsStatus() async throws {
        let server = try FakeAPIServer()
        var seeded = Self.volume("v1")
        seeded["status"] = ["phase": "Ready"]
        try server.apply(Self.volumes, Data(json(seeded)))
        let applied = try server.apply(Self.volumes, Data(json(Self.volume("v1", size: "5Gi"))))
        #expect(field(applied, "spec.size") as? String == "5Gi")
        #expect(field(applied, "status.phase") as? String == "Ready")
        #expect(field(applied, "metadata.generation") as? Int == 2)
        await server.stop()
    }
}
