public import DesiredState
import Planning
public import EventLog
public import Executor
public import Foundation
public import Metrics
public import Operations
public import ReconcilePlanning
public import StorageModel
import Store
import Synchronization

/// What can look at the nodes (the command executor); the mock has nothing to observe.
public protocol StateObserver: Sendable {
    func observe(_ topology: Topology) async -> ObservedState
}

/// The controller's loop over one desired-state source, as a Kubernetes controller's: on start, whenever the source
/// rings, and every resync period, a pass enqueues keys (each desired cluster, each stored node the source names,
/// each claim it has or had) on a keyed work queue, topology keys before claim keys, and waits for them; then it
/// observes the nodes and heals the drift that is safe to heal. A pass plans nothing itself: `reconcile(key)` reads
/// that key's desired object and the store fresh and plans that key alone, so a key is planned once per run and a
/// retry always plans against the state its predecessor left. One pass at a time; rings during a pass collapse
/// into one more pass.
///
/// Keys fail independently: a key whose steps fail is retried by the queue with its own exponential backoff
/// (`retryBase`, doubling, capped at `period`) while the others go on; the periodic resync still runs a full pass.
/// A pass that could not read the source or the store is itself retried with the same backoff. Every claim's
/// outcome becomes its status (`ClaimStatus`), reported to the source and recorded in the store.
public final class ReconcileLoop: Sendable {
    public struct Settings: Sendable {
        public var period: Duration
        /// The first retry delay after a failure; doubled per further failure, up to `period`.
        public var retryBase: Duration
        /// How many keys are reconciled at once.
        public var workers: Int
        /// How long after planning a deletion the source is read again; only a deletion both reads agree on is
        /// carried out, so a directory caught half-updated (a checkout, an rsync) never deletes a volume.
        public var deletionConfirmation: Duration
        /// How often the nodes are observed, and safe drift healed, between passes: one script per node (peers,
        /// volume groups, volume state and options at once), so a stopped volume or a changed option is healed
        /// within this of the change rather than at the next resync.
        public var observeInterval: Duration

        public init(
            period: Duration = .seconds(60), retryBase: Duration = .seconds(1), workers: Int = 4,
            deletionConfirmation: Duration = .seconds(3), observeInterval: Duration = .seconds(5)
        ) {
            self.observeInterval = observeInterval
            self.period = period
            self.retryBase = retryBase
            self.workers = workers
            self.deletionConfirmation = deletionConfirmation
        }
    }

    /// How a pass ended, as `brickyard_reconcile_total{result}` counts it.
    public enum Result: String, Sendable {
        case converged
        case changed
        case invalid
        case refused
        case failed
    }

    typealias Queue = KeyedWorkQueue<ReconcileKey>

    struct LoopState {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        /// The current wait is over (its sleep ended first): a waiter that registers late resumes at once.
        var waitOver = false
        var drift: [DriftFinding.Kind: Int] = [:]
        /// The queue while `run()` or `pass()` runs, for the depth gauge.
        var queue: Queue?
        /// Steps run and keys refused since the loop started: a pass compares them before and after.
        var stepsRun = 0
        var refusals = 0
        /// Each claim's last status, to report only changes.
        var statuses: [ClaimReference: ClaimStatus] = [:]
        /// Failures in a row per claim, for the next retry time in its status.
        var failures: [ClaimReference: Int] = [:]
        /// The notices each key last gave, so a notice is logged when it appears and when it clears.
        var notices: [ReconcileKey: Set<String>] = [:]
        /// The drift findings that could not be healed, likewise logged when they appear and clear.
        var unhealed: Set<String> = []
        /// A pass, or an observation between passes, is running.
        var passing = false
        /// The claim index of the store at a revision, and the claims of the last source read by reference.
        var index: (revision: UInt64, index: ClaimIndex)?
        var claims: (revision: UInt64, byReference: [ClaimReference: VolumeClaim])?
    }

    let settings: Settings
    let source: any DesiredStateSource
    let engine: OperationEngine
    let executor: any NodeExecutor
    let observer: (any StateObserver)?
    let log: Logger
    let applier: ReconcileApplier
    let metrics: LoopMetrics
    let sleep: @Sendable (Duration) async throws -> Void
    let now: @Sendable () -> Int64
    let state = Mutex(LoopState())

    /// `clock` times the loop's waits, the deletion guard and the queue's retries; `now` stamps statuses (seconds
    /// since the epoch). Tests pass clocks that do not really wait.
    public init<C: Clock>(
        settings: Settings, source: any DesiredStateSource, engine: OperationEngine, executor: any NodeExecutor,
        observer: (any StateObserver)?, metrics: MetricsRegistry, log: Logger = .discarding,
        clock: C = ContinuousClock(), now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) where C.Duration == Duration {
        self.settings = settings
        self.source = source
        self.engine = engine
        self.executor = executor
        self.observer = observer
        self.log = log
        self.applier = ReconcileApplier(engine: engine, log: log, workers: settings.workers)
        self.metrics = LoopMetrics(registry: metrics)
        self.sleep = { try await clock.sleep(for: $0) }
        self.now = now
        metrics.addCollector { [weak self] in
            guard let self else { return [] }
            let (drift, queue) = self.state.withLock { ($0.drift, $0.queue) }
            return DriftFinding.Kind.allCases.map { kind in
                GaugeSample(
                    name: "brickyard_drift", help: "Differences found by the last observation, by kind.",
                    labels: [("kind", kind.rawValue)], value: Double(drift[kind] ?? 0))
            } + [
                GaugeSample(
                    name: "brickyard_queue_depth",
                    help: "Reconcile keys waiting to run or for a retry (repeats collapse into one).",
                    value: Double(queue?.depth ?? 0))
            ]
        }
    }

    /// Asks for a pass soon; several requests before it starts make one pass.
    public func trigger() {
        let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.pending = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Runs passes, and retries of failed keys between them, until the task is cancelled.
    public func run() async {
        let queue = self.makeQueue()
        self.state.withLock { $0.queue = queue }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            group.addTask {
                for await _ in self.source.changes() { self.trigger() }
            }
            if self.observer != nil {
                group.addTask { await self.observeBetweenPasses() }
            }
            var failures = 0
            while !Task.isCancelled {
                self.state.withLock { $0.pending = false }
                let (_, retryPass) = await self.pass(using: queue)
                failures = retryPass ? failures + 1 : 0
                let wait =
                    failures == 0
                    ? self.settings.period
                    : RetryBackoff(base: self.settings.retryBase, cap: self.settings.period)
                        .delay(afterFailures: failures)
                await self.sleep(upTo: wait)
            }
            group.cancelAll()
        }
        self.state.withLock { $0.queue = nil }
    }

    /// One pass outside `run()`: source → keys → reconcile → observe → heal, with a queue of its own that does not
    /// outlive it (so nothing is retried). Never throws; the result says how it went.
    @discardableResult
    public func pass() async -> Result {
        let queue = self.makeQueue()
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            self.state.withLock { $0.queue = queue }
            let (result, _) = await self.pass(using: queue)
            self.state.withLock { $0.queue = nil }
            queue.shutDown()
            return result
        }
    }

    /// The status the loop last gave each claim, by reference.
    public var statuses: [ClaimStatus] {
        self.state.withLock { $0.statuses.values.sorted { $0.claim < $1.claim } }
    }

    /// A pass, measured and logged; also says whether the pass itself should be retried (it could not read).
    private func pass(using queue: Queue) async -> (Result, retryPass: Bool) {
        // Observations between passes skip while a pass runs (it observes at its end). One already under way may
        // overlap it: its heals are operations that hold their volumes, so the two never change one at once.
        self.state.withLock { $0.passing = true }
        defer { self.state.withLock { $0.passing = false } }
        let started = ContinuousClock.now
        let (result, retryPass) = await self.runPass(using: queue)
        let elapsed = started.duration(to: ContinuousClock.now)
        self.metrics.passes.increment(result.rawValue)
        self.metrics.duration.observe(
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        self.log.log(
            [.failed, .invalid].contains(result) ? .warning : .info, "reconcile_pass",
            [("result", result.rawValue), ("duration_ms", Int(elapsed / .milliseconds(1)))])
        return (result, retryPass)
    }

    private func runPass(using queue: Queue) async -> (Result, retryPass: Bool) {
        let desired: DesiredState
        do throws(DesiredStateError) {
            desired = try await self.source.read(fresh: false)
        } catch {
            self.log.error("desired_state_invalid", ("source", self.source.summary), ("error", error.description))
            return (.invalid, true)
        }
        let topology: Topology
        do {
            topology = try await self.engine.store.topology(includingPending: false)
        } catch {
            self.log.error("reconcile_read_failed", ("error", "\(error)"))
            return (.failed, true)
        }
        // Claims with a status but neither a document nor a volume (refused, then removed) are visited too, so
        // their status goes; recorded ones count, so a restart forgets what went while it was down.
        var known = Set(self.state.withLock { $0.statuses.keys })
        if let recorded = try? await self.engine.store.claimStatuses() {
            known.formUnion(recorded.keys.compactMap(ClaimReference.init(recorded:)))
        }
        let before = self.state.withLock { ($0.stepsRun, $0.refusals) }
        var succeeded = true
        for stage in Self.keys(desired, topology: topology, known: known) where !stage.isEmpty {
            let outcomes = await queue.addAndWait(stage)
            succeeded = succeeded && stage.allSatisfy { outcomes[$0] == .done }
            if Task.isCancelled { return (.failed, false) }
        }
        let after = self.state.withLock { ($0.stepsRun, $0.refusals) }
        let healed = await self.heal()
        if after.1 > before.1 { return (.refused, false) }
        if !succeeded { return (.failed, false) }
        return (after.0 > before.0 || healed ? .changed : .converged, false)
    }

    /// The keys of a pass, topology first: each desired cluster (a stored one by its id, so its new nodes join it
    /// one at a time), each stored node the documents name (its new devices), then every claim the source has and
    /// every claim of this source that still has a volume (its removal) or a status. Found by lookups, not by planning.
    static func keys(_ desired: DesiredState, topology: Topology, known: Set<ClaimReference> = []) -> [[ReconcileKey]] {
        var topologyKeys: [ReconcileKey] = []
        let stored = Set(topology.nodes.values.map(\.manageHostname))
        for (index, cluster) in desired.clusters.enumerated() {
            if let existing = ReconcilePlanner.storedCluster(of: cluster, in: topology) {
                topologyKeys.append(.joining(existing))
            } else {
                topologyKeys.append(.cluster(index: index))
            }
            for node in cluster.nodes where stored.contains(node.manageHostname) {
                topologyKeys.append(.node(node.manageHostname))
            }
        }
        var claims = Set(desired.claims.map { desired.reference(of: $0) })
        claims.formUnion(ReconcilePlanner.claimedVolumes(of: desired.source, in: topology).keys)
        claims.formUnion(known.filter { $0.source == desired.source })
        claims.formUnion(desired.departing)
        return [Self.unique(topologyKeys), claims.sorted().map { .claim($0) }]
    }

    private static func unique(_ keys: [ReconcileKey]) -> [ReconcileKey] {
        var seen: Set<ReconcileKey> = []
        return keys.filter { seen.insert($0).inserted }
    }
}

/// The loop's counters and histogram.
struct LoopMetrics: Sendable {
    let passes: Counter
    let duration: Histogram
    let actions: Counter

    init(registry: MetricsRegistry) {
        self.passes = registry.counter(
            "brickyard_reconcile_total", help: "Reconcile passes, by how they ended.", labels: ["result"])
        self.duration = registry.histogram(
            "brickyard_reconcile_duration_seconds", help: "Time of one reconcile pass.", labels: [])
        self.actions = registry.counter(
            "brickyard_actions_total", help: "Reconcile steps and drift heals, by action and result.",
            labels: ["action", "result"])
    }
}
