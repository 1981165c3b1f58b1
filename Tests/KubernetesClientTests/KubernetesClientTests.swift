import Foundation
import KubernetesAPI
import KubernetesClient
import Synchronization
import TestSupport
import Testing

@Suite struct KubernetesClientTests {
    private func client(_ server: ScriptedAPIServer, credentials: KubeEndpoint.Credentials = .none) -> KubernetesClient {
        KubernetesClient(endpoint: KubeEndpoint(server: server.base, namespace: "shop", credentials: credentials))
    }

    @Test func listReadsEveryPageFromTheFirstPagesVersion() async throws {
        let server = try ScriptedAPIServer { seen, _ in
            if seen.query.contains("continue=next") {
                return ScriptedAPIServer.json(#"{"metadata":{"resourceVersion":"12"},"items":[\#(ScriptedAPIServer.object("b", version: 9))]}"#)
            }
            return ScriptedAPIServer.json(#"{"metadata":{"resourceVersion":"10","continue":"next"},"items":[\#(ScriptedAPIServer.object("a", version: 8))]}"#)
        }
        let (items, version) = try await self.client(server).list(.glusterVolumes, namespace: "shop", pageSize: 1)
        #expect(items.compactMap { ObjectMetadata.of($0)?.name } == ["a", "b"])
        #expect(version == "10")
        #expect(server.requests.map(\.query) == ["limit=1", "limit=1&continue=next"])
        await server.stop()
    }

    @Test func anErrorAnswerCarriesTheServersStatus() async throws {
        let server = try ScriptedAPIServer { _, _ in ScriptedAPIServer.status(403, "Forbidden", "glustervolumes is forbidden") }
        await #expect {
            try await self.client(server).send(.get(.glusterVolumes, "a", namespace: "shop"))
        } throws: { error in
            (error as? KubernetesError)?.apiStatus?.reason == "Forbidden"
                && "\(error)".contains("glustervolumes is forbidden")
        }
        await server.stop()
    }

    @Test func getOfAMissingObjectIsNil() async throws {
        let server = try ScriptedAPIServer { _, _ in ScriptedAPIServer.status(404, "NotFound", "not found") }
        #expect(try await self.client(server).get(.glusterVolumes, "a", namespace: "shop") == nil)
        await server.stop()
    }

    @Test func anUpdateThatConflictsReadsAgainAndRetries() async throws {
        let server = try ScriptedAPIServer { seen, index in
            if seen.method == "GET" { return ScriptedAPIServer.json(ScriptedAPIServer.object("a", version: index + 1)) }
            // The first write finds someone else's newer version.
            let conflicts = index < 2
            return conflicts ? ScriptedAPIServer.status(409, "Conflict", "the object has been modified")
                : ScriptedAPIServer.json(String(decoding: seen.body, as: UTF8.self))
        }
        let written = try await self.client(server).update(.glusterVolumes, "a", namespace: "shop") { current in current }
        #expect(written != nil)
        #expect(server.requests.map(\.method) == ["GET", "PUT", "GET", "PUT"])
        // The retry wrote what the second read returned, not the stale first copy.
        #expect(ObjectMetadata.of(Data(server.requests[3].body))?.resourceVersion == "3")
        await server.stop()
    }

    @Test func aTokenFileIsReadAgainWhenItIsRotated() async throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/token"
        try "first\n".write(toFile: file, atomically: true, encoding: .utf8)
        let server = try ScriptedAPIServer { _, _ in ScriptedAPIServer.json(ScriptedAPIServer.object("a", version: 1)) }
        let client = self.client(server, credentials: .tokenFile(file))
        _ = try await client.get(.glusterVolumes, "a", namespace: "shop")
        try "second-and-longer\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try await client.get(.glusterVolumes, "a", namespace: "shop")
        #expect(server.requests.map(\.authorization) == ["Bearer first", "Bearer second-and-longer"])
        try FileManager.default.removeItem(atPath: file)
        await #expect(throws: KubernetesError.self) { try await client.get(.glusterVolumes, "a", namespace: "shop") }
        #expect(server.requests.count == 2)
        await server.stop()
    }

    @Test func requestsBeyondTheBurstWaitForTheRate() async throws {
        let server = try ScriptedAPIServer { _, _ in ScriptedAPIServer.json("{}") }
        let client = KubernetesClient(
            endpoint: KubeEndpoint(server: server.base, namespace: "shop"),
            settings: KubernetesClient.Settings(qps: 10, burst: 2))
        let start = ContinuousClock.now
        for _ in 0..<4 { try await client.send(.get(.glusterVolumes, "a", namespace: "shop")) }
        // Two go at once, the next two a tenth of a second apart each: at least 0.2 s whatever the machine.
        #expect(ContinuousClock.now - start >= .milliseconds(190))
        #expect(client.requestCounts["GET"] == 4)
        await server.stop()
    }
}
