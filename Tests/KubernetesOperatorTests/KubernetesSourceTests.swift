import DesiredState
import Foundation
import KubernetesAPI
import KubernetesClient
import KubernetesOperator
import Operations
import ReconcilePlanning
import StorageModel
import TestSupport
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct KubernetesSourceTests {
    /// How many objects the source decoded.
    final class Decodes: Sendable {
        let count = Mutex(0)
    }

    private func source(
        _ server: OneObjectServer, gate: MutationGate = MutationGate(), decodes: Decodes = Decodes()
    ) -> KubernetesSource {
        let client = KubernetesClient(endpoint: KubeEndpoint(server: server.base, namespace: "shop"))
        return KubernetesSource(
            client: client, events: EventRecorder(client: client, instance: "test"),
            decodeVolume: { (object, location) throws(DesiredStateError) in
                decodes.count.withLock { $0 += 1 }
                let metadata = ObjectMetadata.of(object)!
                return VolumeClaim(
                    name: metadata.name, size: .gibibytes(1), durability: .replicate(3), location: location,
                    namespace: metadata.namespace, volumeName: "\(metadata.namespace ?? "")_\(metadata.name)")
            }, gate: gate,
            informerSettings: Informer.Settings(watchTimeoutSeconds: 5, initialBackoff: .milliseconds(10)))
    }

    private func finalizers(_ server: OneObjectServer) -> [String] {
        (server.object["metadata"] as? [String: Any])?["finalizers"] as? [String] ?? []
    }

    @Test func anObjectIsActedOnOnlyOnceItCarriesTheFinalizer() async throws {
        let server = try OneObjectServer(name: "data", namespace: "shop")
        let decodes = Decodes()
        let source = self.source(server, decodes: decodes)
        await #expect(throws: DesiredStateError.self) { try await source.read(fresh: false) }
        source.start()
        #expect(await eventually { source.hasSynced })
        #expect(await eventually { self.finalizers(server) == [Finalizer.name] })
        #expect(await eventually { (try? await source.read(fresh: false).claims.map(\.name)) == ["data"] })
        source.stop()
        // Unchanged, a read is the state built before: the loop reads once per key and nothing is decoded again.
        let first = try await source.read(fresh: false)
        let decoded = decodes.count.withLock { $0 }
        #expect(try await source.read(fresh: false) == first)
        #expect(decodes.count.withLock { $0 } == decoded)
        await server.stop()
    }

    @Test func statusEventsAndTheFinalizerFollowTheClaim() async throws {
        let server = try OneObjectServer(name: "data", namespace: "shop")
        let source = self.source(server)
        source.start()
        #expect(await eventually { (try? await source.read(fresh: false).claims.count) == 1 })
        let reference = ClaimReference(source: "kubernetes", namespace: "shop", name: "data")
        let ready = ClaimStatus(claim: reference, volumeName: "shop_data")
            .after(.ready(volume: "0a1b", message: "volume shop_data is as the claim asks"), generation: 1, at: 1_800_000_000)
        await source.report(ready)
        let status = try #require(server.object["status"] as? [String: Any])
        #expect(status["phase"] as? String == "Ready")
        #expect(status["volumeID"] as? String == "0a1b")
        #expect(server.requests.contains { $0.method == "POST" && $0.path == "/apis/events.k8s.io/v1/namespaces/shop/events" })

        // Deleted: the object is departing, not a claim, until the loop forgets it; then the finalizer comes off.
        server.markDeleted()
        #expect(await eventually { (try? await source.read(fresh: false).departing) == [reference] })
        #expect(try await source.read(fresh: false).claims.isEmpty)
        // A fresh read asks the server, not the cache.
        let lists = server.requests.filter { $0.method == "GET" && $0.path.contains("/glustervolumes?limit=") }.count
        #expect(try await source.read(fresh: true).departing == [reference])
        #expect(server.requests.filter { $0.method == "GET" && $0.path.contains("/glustervolumes?limit=") }.count == lists + 1)
        await source.forget(reference)
        #expect(self.finalizers(server).isEmpty)
        source.stop()
        await server.stop()
    }

    @Test func aClosedGateWritesNothing() async throws {
        let server = try OneObjectServer(name: "data", namespace: "shop")
        let gate = MutationGate(open: false, reason: "not the leader")
        let source = self.source(server, gate: gate)
        source.start()
        #expect(await eventually { source.hasSynced })
        let reference = ClaimReference(source: "kubernetes", namespace: "shop", name: "data")
        await source.report(ClaimStatus(claim: reference, volumeName: "shop_data").after(.progressing(message: "x"), generation: 1, at: 0))
        await source.forget(reference)
        // The decision to add the finalizer is taken as the list comes in; with the gate closed nothing was sent.
        #expect(server.requests.allSatisfy { $0.method == "GET" })
        #expect(self.finalizers(server).isEmpty)
        source.stop()
        await server.stop()
    }
}
