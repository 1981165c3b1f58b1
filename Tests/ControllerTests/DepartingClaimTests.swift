import TestSupport
import Controller
import DesiredState
import Metrics
import ReconcilePlanning
import StorageModel
import Testing

/// A claim whose object is being deleted (held by a finalizer) is reconciled to the end and its source told, so the
/// finalizer can come off: its volume deleted first when its policy says Delete, kept (released) when Retain, and
/// told at once when it never had a volume.
@Suite(.timeLimit(.minutes(2))) struct DepartingClaimTests {
    private let reference = ClaimReference(source: "kubernetes", namespace: "shop", name: "app")

    /// A loop over `source`, once the fixture's own documents made the cluster.
    private func loop(_ fixture: ReconcileLoopTests.Fixture, _ source: MemorySource) async -> ReconcileLoop {
        #expect(await fixture.loop.pass() == .changed)
        return ReconcileLoop(
            settings: ReconcileLoop.Settings(), source: source, engine: fixture.engine, executor: fixture.executor,
            observer: nil, metrics: MetricsRegistry())
    }

    private func claim(_ policy: VolumeClaim.DeletionPolicy) -> VolumeClaim {
        TwoSourcesTests.claim(namespace: "shop", volumeName: "shop_app", policy: policy)
    }

    @Test func deleteTearsTheVolumeDownBeforeTheSourceIsTold() async throws {
        let fixture = try ReconcileLoopTests.Fixture()
        let source = MemorySource(kind: "kubernetes", claims: [self.claim(.delete)])
        let loop = await self.loop(fixture, source)
        #expect(await loop.pass() == .changed)
        #expect(await fixture.volumeNames() == ["shop_app"])
        source.set([], departing: [self.reference])
        #expect(await loop.pass() == .changed)
        #expect(await fixture.volumeNames() == [])
        #expect(source.forgotten == [self.reference])
    }

    @Test func retainKeepsTheVolumeAndTellsTheSource() async throws {
        let fixture = try ReconcileLoopTests.Fixture()
        let source = MemorySource(kind: "kubernetes", claims: [self.claim(.retain)])
        let loop = await self.loop(fixture, source)
        #expect(await loop.pass() == .changed)
        source.set([], departing: [self.reference])
        #expect(await loop.pass() == .converged)
        #expect(await fixture.volumeNames() == ["shop_app"])
        #expect(source.forgotten == [self.reference])
        // Without the finalizer the object is gone: a retained volume alone is never reported again.
        source.set([])
        #expect(await loop.pass() == .converged)
        #expect(source.forgotten == [self.reference])
    }

    @Test func aClaimThatNeverHadAVolumeIsToldAtOnce() async throws {
        let fixture = try ReconcileLoopTests.Fixture()
        let source = MemorySource(kind: "kubernetes")
        source.set([], departing: [self.reference])
        let loop = await self.loop(fixture, source)
        #expect(await loop.pass() == .converged)
        #expect(source.forgotten == [self.reference])
    }
}
