import TestSupport
import Planning
import EventLog
import Executor
import Foundation
import Metrics
import Operations
import Controller
import StorageModel
import Store
import Synchronization
import Testing

/// The loop over a documents directory, a real store and the mock executor.
@Suite(.timeLimit(.minutes(2))) struct ReconcileLoopTests {
    static let topology = """
        {"clusters": [{"nodes": [
          {"node": {"hostnames": {"manage": ["node1"], "storage": ["10.0.0.1"]}, "zone": 1}, "devices": ["/dev/sdb"]},
          {"node": {"hostnames": {"manage": ["node2"], "storage": ["10.0.0.2"]}, "zone": 2}, "devices": ["/dev/sdb"]},
          {"node": {"hostnames": {"manage": ["node3"], "storage": ["10.0.0.3"]}, "zone": 3}, "devices": ["/dev/sdb"]}
        ]}]}
        """

    static func claim(_ name: String, size: Int) -> String {
        "kind: VolumeClaim\nname: \(name)\nsize: \(size)\n"
    }

    final class Fixture: Sendable {
        let directory: TemporaryDirectory
        let store: SQLiteStore
        let executor = MockExecutor()
        let engine: OperationEngine
        let metrics = MetricsRegistry()
        let lines = LogLines()
        let source: DirectorySource
        let loop: ReconcileLoop

        var documents: String { self.directory.path("documents") }

        /// `clock` times the loop's waits (the deletion guard among them); the real one unless a test steers it.
        init<C: Clock>(
            source: (String) -> DirectorySource.Settings = { DirectorySource.Settings(directory: $0) },
            loop settings: ReconcileLoop.Settings = ReconcileLoop.Settings(), clock: C = ContinuousClock(),
            now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
        ) throws where C.Duration == Duration {
            self.directory = try TemporaryDirectory()
            try FileManager.default.createDirectory(
                atPath: self.directory.path("documents"), withIntermediateDirectories: true)
            try self.directory.write("documents/topology.json", ReconcileLoopTests.topology)
            self.store = try SQLiteStore(path: self.directory.path("brickyard.db"))
            self.engine = OperationEngine(
                store: self.store, executor: self.executor,
                settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
            let lines = self.lines
            let log = Logger(sink: LogSink { line in lines.append(line) })
            self.source = DirectorySource(settings: source(self.directory.path("documents")), log: log)
            self.loop = ReconcileLoop(
                settings: settings, source: self.source, engine: self.engine, executor: self.executor,
                observer: nil, metrics: self.metrics, log: log, clock: clock, now: now)
        }

        var log: [String] { self.lines.all }

        func volumeNames() async -> [String] {
            (try? await self.store.topology(includingPending: false).volumes.values.map(\.name).sorted()) ?? []
        }

        func passes(_ result: String) -> Double {
            self.metrics.value(of: "brickyard_reconcile_total", labels: [result])
        }
    }

    @Test func aFailingVolumeIsRetriedOnItsOwnWhileTheOthersAreMade() async throws {
        let fixture = try Fixture(loop: ReconcileLoop.Settings(period: .seconds(600), retryBase: .milliseconds(20)))
        try fixture.directory.write("documents/a.yaml", Self.claim("a", size: 1))
        try fixture.directory.write("documents/b.yaml", Self.claim("b", size: 1))
        // The first volume creation fails on the nodes; the operation rolls back and the key is retried, which
        // makes a volume with a new id. (The mock may ask a rule twice about one action: same action, same answer.)
        let failing = Mutex<VolumeID?>(nil)
        fixture.executor.failWhen { action in
            guard case .createVolume(let volume, _) = action else { return nil }
            return failing.withLock { failing in
                if failing == nil { failing = volume }
                return failing == volume ? "volume create: failed: injected" : nil
            }
        }
        let running = Task { await fixture.loop.run() }
        defer { running.cancel() }
        #expect(await eventually { await fixture.volumeNames() == ["a", "b"] })
        // The step is counted once the applier has read the operation's end, just after the volume shows.
        #expect(
            await eventually {
                fixture.metrics.value(of: "brickyard_actions_total", labels: ["create_volume", "succeeded"]) == 2
            })
        #expect(fixture.metrics.value(of: "brickyard_actions_total", labels: ["create_volume", "failed"]) == 1)
        #expect(fixture.metrics.render().contains("brickyard_queue_depth 0"))
        // One pass, which failed; the retry was the queue's, not another pass.
        #expect(await eventually { fixture.passes("failed") == 1 })
        #expect(fixture.passes("changed") == 0)
        #expect(fixture.log.contains { $0.contains("event=reconcile_key_failed") })
    }

    @Test func anEditIsNoticedThroughInotifyWithoutPolling() async throws {
        // Polling would take ten minutes: only the watcher can notice the edit in time.
        let fixture = try Fixture(
            source: {
                DirectorySource.Settings(
                    directory: $0, pollInterval: .seconds(600), debounce: .milliseconds(50),
                    watchedPollInterval: .seconds(600))
            }, loop: ReconcileLoop.Settings(period: .seconds(600)))
        let running = Task { await fixture.loop.run() }
        defer { running.cancel() }
        #expect(await eventually { fixture.passes("converged") + fixture.passes("changed") == 1 })
        #expect(fixture.log.contains { $0.contains("event=desired_state_watch mode=inotify") })
        try fixture.directory.write("documents/app.yaml", Self.claim("app", size: 1))
        #expect(await eventually { await fixture.volumeNames() == ["app"] })
        #expect(await eventually { fixture.passes("changed") == 2 })
        #expect(fixture.log.contains { $0.contains("event=desired_state_changed") })
        // A file that is not a document wakes the source, but the fingerprint it then checks is unchanged: no pass.
        let looked = fixture.source.looks
        try fixture.directory.write("documents/README.md", "notes\n")
        #expect(await eventually { fixture.source.looks > looked })
        #expect(fixture.passes("changed") == 2)
        #expect(fixture.passes("converged") == 0)
    }

    @Test func withoutTheWatcherEditsAreNoticedByPolling() async throws {
        let fixture = try Fixture(
            source: { DirectorySource.Settings(directory: $0, pollInterval: .milliseconds(50), watch: false) },
            loop: ReconcileLoop.Settings(period: .seconds(600)))
        let running = Task { await fixture.loop.run() }
        defer { running.cancel() }
        #expect(await eventually { fixture.passes("changed") == 1 })
        #expect(fixture.log.contains { $0.contains("event=desired_state_watch mode=polling") })
        try fixture.directory.write("documents/app.yaml", Self.claim("app", size: 1))
        #expect(await eventually { await fixture.volumeNames() == ["app"] })
    }

    @Test func aSinglePassOutsideTheLoopStillApplies() async throws {
        let fixture = try Fixture()
        try fixture.directory.write("documents/app.yaml", Self.claim("app", size: 1))
        #expect(await fixture.loop.pass() == .changed)
        #expect(await fixture.volumeNames() == ["app"])
        #expect(await fixture.loop.pass() == .converged)
    }

    /// A claim with `deletionPolicy: Delete` removed: the volume goes only when a second read of the documents
    /// agrees, so a claim that was only missing for a moment (a checkout half done) keeps its volume. The guard's
    /// wait runs on a clock the test steers: the claim comes back exactly while the loop waits to read again.
    @Test func aDeletionIsCarriedOutOnlyWhenASecondReadAgrees() async throws {
        let clock = SteeredClock()
        let fixture = try Fixture(loop: ReconcileLoop.Settings(deletionConfirmation: .seconds(3)), clock: clock)
        let claim = Self.claim("app", size: 1) + "deletionPolicy: Delete\n"
        try fixture.directory.write("documents/app.yaml", claim)
        #expect(await fixture.loop.pass() == .changed)
        #expect(await fixture.volumeNames() == ["app"])

        // Gone at the first read, back before the second: kept.
        try FileManager.default.removeItem(atPath: fixture.directory.path("documents/app.yaml"))
        clock.onSleep { duration in
            guard duration == .seconds(3) else { return }
            try? fixture.directory.write("documents/app.yaml", claim)
        }
        let kept = await fixture.loop.pass()
        #expect(kept == .converged)
        #expect(await fixture.volumeNames() == ["app"])
        #expect(fixture.log.contains { $0.contains("event=reconcile_deletion_deferred volume=app") })
        #expect(clock.slept.contains(.seconds(3)))

        // Gone at both reads: deleted.
        clock.onSleep { _ in }
        try FileManager.default.removeItem(atPath: fixture.directory.path("documents/app.yaml"))
        #expect(await fixture.loop.pass() == .changed)
        #expect(await fixture.volumeNames() == [])
    }
}
