import TestSupport
import Controller
import DesiredState
import EventLog
import Executor
import Foundation
import Metrics
import ReconcilePlanning
import StorageModel
import Store
import Testing

/// Two sources on one store, each with a claim named `app`: each makes and owns its own volume; neither adopts,
/// changes or prunes the other's, and a claim that asks for the other's volume name is refused, not given it.
@Suite(.timeLimit(.minutes(2))) struct TwoSourcesTests {
    static func claim(namespace: String?, volumeName: String, policy: VolumeClaim.DeletionPolicy = .delete) -> VolumeClaim {
        VolumeClaim(
            name: "app", size: .gibibytes(1), durability: .replicate(3), deletionPolicy: policy,
            location: SourceLocation(file: "memory", line: 1, column: 1), namespace: namespace, volumeName: volumeName)
    }

    @Test func claimsOfOneNameFromTwoSourcesStayApart() async throws {
        let fixture = try ReconcileLoopTests.Fixture()
        try fixture.directory.write("documents/app.yaml", ReconcileLoopTests.claim("app", size: 1) + "deletionPolicy: Delete\n")
        #expect(await fixture.loop.pass() == .changed)

        let pvc = MemorySource(kind: "pvc", claims: [Self.claim(namespace: "shop", volumeName: "shop-app")])
        let other = ReconcileLoop(
            settings: ReconcileLoop.Settings(), source: pvc, engine: fixture.engine, executor: fixture.executor,
            observer: nil, metrics: MetricsRegistry())
        #expect(await other.pass() == .changed)
        #expect(await fixture.volumeNames() == ["app", "shop-app"])
        let topology = try await fixture.store.topology(includingPending: false)
        let owners = Dictionary(uniqueKeysWithValues: topology.volumes.values.map { ($0.name, ReconcilePlanner.reference(of: $0)?.description) })
        #expect(owners == ["app": "directory:app", "shop-app": "pvc:shop/app"])
        #expect(pvc.reported[ClaimReference(source: "pvc", namespace: "shop", name: "app")]?.phase == .ready)

        // Each source's next pass leaves the other's volume alone.
        #expect(await fixture.loop.pass() == .converged)
        #expect(await other.pass() == .converged)

        // A claim asking for the other source's volume name is refused and reported; nothing changes.
        pvc.set([Self.claim(namespace: "shop", volumeName: "shop-app"), Self.claim(namespace: "dev", volumeName: "app")])
        #expect(await other.pass() == .refused)
        let refused = try #require(pvc.reported[ClaimReference(source: "pvc", namespace: "dev", name: "app")])
        #expect(refused.phase == .degraded)
        #expect(refused.lastError?.contains("volume app belongs to claim directory:app, not to pvc:dev/app") == true)
        #expect(await fixture.volumeNames() == ["app", "shop-app"])

        // The pvc claims go (deletionPolicy Delete): only the pvc source's volume is deleted.
        pvc.set([])
        #expect(await other.pass() == .changed)
        #expect(await fixture.volumeNames() == ["app"])
        #expect(pvc.reported.isEmpty)
    }
}
