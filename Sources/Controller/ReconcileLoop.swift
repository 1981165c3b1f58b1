import DesiredState
import Planning
public import EventLog
public import Executor
import Foundation
public import Metrics
public import Operations
import ReconcilePlanning
public import StorageModel
import Store
import Synchronization

/// What can look at the nodes (the command executor); the mock has nothing to observe.
public protocol StateObserver: Sendable {
    func observe(_ topology: Topology) async -> ObservedState
}

/// The controller's loop: on start, whenever the documents change, and every resync period, a pass plans the
/// documents against the store, hands each object's steps to a keyed work queue and waits for them, then observes
/// the nodes and heals the drift that is safe to heal. One pass at a time; triggers that arrive during a pass
/// collapse into one more pass.
///
/// Objects fail independently: a key whose steps fail is retried by the queue with its own exponential backoff
/// (`retryBase`, doubling, capped at `period`), replanned from the documents and a fresh read of the store, while
/// the other keys go on; the periodic resync still runs a full pass. A pass that could not plan at all (unreadable
/// documents or store) is itself retried with the same backoff.
///
/// Changes to the documents are noticed through inotify where it works (`DirectoryWatcher`), with a slow poll of
/// the documents' fingerprint as a safety net, and by polling every `pollInterval` where it does not.
public final class ReconcileLoop: Sendable {
    public struct Settings: Sendable {
        public var directory: String
        public var period: Duration
        /// How often the documents are checked for changes when they cannot be watched.
        public var pollInterval: Duration
        /// The first retry delay after a failure; doubled per further failure, up to `period`.
        public var retryBase: Duration
        /// How many objects are reconciled at once.
        public var workers: Int
        /// Whether to watch the documents with inotify (false: always poll).
        public var watch: Bool
        /// How long the documents must be quiet after a change before a pass starts (an editor's write, rename and
        /// chmod make one pass).
        public var debounce: Duration
        /// How often the documents are checked while they are watched: a safety net for missed events.
        public var watchedPollInterval: Duration
        /// How long after planning a deletion the documents are read again; only a deletion both reads agree on is
        /// carried out, so a directory caught half-updated (a checkout, an rsync) never deletes a volume.
        public var deletionConfirmation: Duration

        public init(
            directory: String, period: Duration = .seconds(60), pollInterval: Duration = .seconds(2),
            retryBase: Duration = .seconds(1), workers: Int = 4, watch: Bool = true,
            debounce: Duration = .milliseconds(200), watchedPollInterval: Duration = .seconds(30),
            deletionConfirmation: Duration = .seconds(3)
        ) {
            self.deletionConfirmation = deletionConfirmation
            self.directory = directory
            self.period = period
            self.pollInterval = pollInterval
            self.retryBase = retryBase
            self.workers = workers
            self.watch = watch
            self.debounce = debounce
            self.watchedPollInterval = watchedPollInterval
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

    /// Steps a pass planned for a key, and when the store was read for them.
    struct Handed {
        var work: KeyedPlan.Work
        var readAt: ContinuousClock.Instant
    }

    struct LoopState {
        var pending = false
        /// The watcher saw something; the documents' fingerprint decides whether it was a change.
        var woken = false
        var waiter: CheckedContinuation<Void, Never>?
        /// The current wait is over (its sleep ended first): a waiter that registers late resumes at once.
        var waitOver = false
        var drift: [DriftFinding.Kind: Int] = [:]
        var lastFingerprint: [String] = []
        /// The queue while `run()` or `pass()` runs, for the depth gauge.
        var queue: Queue?
        /// The documents of the last pass that could plan, which key retries replan from; nil after a pass found
        /// them unreadable or refused, so retries stop until the documents are fixed.
        var desired: DesiredState?
        var handed: [ReconcileKey: Handed] = [:]
        /// When each key's last run ended: handed steps planned before then are stale and replanned.
        var lastRun: [ReconcileKey: ContinuousClock.Instant] = [:]
        /// Whether the watcher's failure has been logged.
        var watchFailureLogged = false
    }

    let settings: Settings
    let engine: OperationEngine
    let executor: any NodeExecutor
    let observer: (any StateObserver)?
    let log: Logger
    let applier: ReconcileApplier
    let metrics: LoopMetrics
    let state = Mutex(LoopState())

    public init(
        settings: Settings, engine: OperationEngine, executor: any NodeExecutor, observer: (any StateObserver)?,
        metrics: MetricsRegistry, log: Logger = .discarding
    ) {
        self.settings = settings
        self.engine = engine
        self.executor = executor
        self.observer = observer
        self.log = log
        self.applier = ReconcileApplier(engine: engine, log: log, workers: settings.workers)
        self.metrics = LoopMetrics(registry: metrics)
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
        let watcher = self.startWatcher()
        let queue = self.makeQueue()
        self.state.withLock {
            $0.queue = queue
            $0.lastFingerprint = Self.fingerprint(self.settings.directory)
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            if let watcher {
                group.addTask {
                    for await _ in watcher.changes { self.wake() }
                }
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
                await self.sleep(upTo: wait, watcher: watcher)
            }
            group.cancelAll()
        }
        watcher?.stop()
        self.state.withLock { $0.queue = nil }
    }

    /// One pass outside `run()`: documents → plan → apply → observe → heal, with a queue of its own that does not
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

    /// A pass, measured and logged; also says whether the pass itself should be retried (it could not plan).
    private func pass(using queue: Queue) async -> (Result, retryPass: Bool) {
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
        let readAt = ContinuousClock.now
        let desired: DesiredState
        do throws(DesiredStateError) {
            desired = try DesiredStateDirectory.load(self.settings.directory)
        } catch {
            self.state.withLock { $0.desired = nil }
            self.log.error("desired_state_invalid", ("error", error.description))
            return (.invalid, true)
        }
        let topology: Topology
        do {
            topology = try await self.engine.store.topology(includingPending: false)
        } catch {
            self.log.error("reconcile_read_failed", ("error", "\(error)"))
            return (.failed, true)
        }
        var plan = ReconcilePlanner().plan(desired, against: topology)
        if plan.steps.contains(where: \.isDeletion) {
            plan = await self.confirmingDeletions(plan, against: topology)
        }
        for notice in plan.notices { self.log.info("reconcile_notice", ("message", notice)) }
        if !plan.refusals.isEmpty {
            self.state.withLock { $0.desired = nil }
            for refusal in plan.refusals { self.log.warning("reconcile_refused", ("message", refusal)) }
            return (.refused, false)
        }
        self.state.withLock { $0.desired = desired }
        var result = Result.converged
        if !plan.isEmpty {
            guard await self.apply(KeyedPlan(plan), readAt: readAt, using: queue) else { return (.failed, false) }
            result = .changed
        }
        if await self.heal() { result = .changed }
        return (result, false)
    }

    /// `plan` without the deletions that a second read of the documents, `deletionConfirmation` later, does not
    /// plan as well (the claim is back, or the documents no longer read).
    private func confirmingDeletions(_ plan: ReconcilePlan, against topology: Topology) async -> ReconcilePlan {
        try? await Task.sleep(for: self.settings.deletionConfirmation)
        var confirmed: Set<VolumeID> = []
        if let again = try? DesiredStateDirectory.load(self.settings.directory) {
            for step in ReconcilePlanner().plan(again, against: topology).steps {
                if case .deleteVolume(let id, _, _) = step { confirmed.insert(id) }
            }
        }
        var result = plan
        result.steps = plan.steps.filter { step in
            guard case .deleteVolume(let id, let name, _) = step, !confirmed.contains(id) else { return true }
            self.log.warning(
                "reconcile_deletion_deferred", ("volume", name),
                ("reason", "a second read of the documents does not delete it"))
            return false
        }
        return result
    }

    /// Hands each key its steps and runs the stages in order, topology first; true when every key succeeded. Keys
    /// that failed stay with the queue, which retries them.
    private func apply(_ keyed: KeyedPlan, readAt: ContinuousClock.Instant, using queue: Queue) async -> Bool {
        self.state.withLock { state in
            for work in keyed.stages.joined() { state.handed[work.key] = Handed(work: work, readAt: readAt) }
        }
        var succeeded = true
        for stage in keyed.stages {
            let outcomes = await queue.addAndWait(stage.map(\.key))
            succeeded = succeeded && stage.allSatisfy { outcomes[$0.key] == .done }
            if Task.isCancelled { return false }
        }
        return succeeded
    }

    /// Observes the nodes, records the drift, and heals what is safe; true when it healed something.
    private func heal() async -> Bool {
        guard let observer = self.observer else { return false }
        let topology: Topology
        do {
            topology = try await self.engine.store.topology(includingPending: false)
        } catch {
            return false
        }
        let findings = DriftDetector.findings(observed: await observer.observe(topology), topology: topology)
        var counts: [DriftFinding.Kind: Int] = [:]
        for finding in findings { counts[finding.kind, default: 0] += 1 }
        self.state.withLock { $0.drift = counts }
        var healed = false
        for finding in findings {
            guard let action = finding.heal else {
                self.log.warning("drift", ("kind", finding.kind.rawValue), ("subject", finding.subject), ("message", finding.message))
                continue
            }
            // Through the engine: journaled, held, planned against the store as it is now. A volume another
            // operation holds is healed at a later pass, against the state that operation left.
            let outcome: String
            do throws(OperationError) {
                let operation = try await self.engine.heal(action)
                await self.engine.wait(for: operation)
                let record = try? await self.engine.store.operation(operation)
                outcome = record?.status == .succeeded ? "" : (record?.result ?? "no result recorded")
            } catch {
                if case .objectBusy = error {
                    self.log.info(
                        "drift_heal_deferred", ("kind", finding.kind.rawValue), ("subject", finding.subject),
                        ("reason", error.description))
                    continue
                }
                outcome = error.description
            }
            if outcome.isEmpty {
                healed = true
                self.metrics.actions.increment("heal_\(action.name)", "succeeded")
                self.log.info(
                    "drift_healed", ("kind", finding.kind.rawValue), ("subject", finding.subject),
                    ("action", action.name), ("message", finding.message))
            } else {
                self.metrics.actions.increment("heal_\(action.name)", "failed")
                self.log.warning(
                    "drift_heal_failed", ("kind", finding.kind.rawValue), ("subject", finding.subject),
                    ("error", outcome))
            }
        }
        return healed
    }

    /// Paths, sizes and modification times of the documents, to notice an edit without reading them.
    static func fingerprint(_ directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey],
            options: [.skipsHiddenFiles])
        else { return [] }
        var entries: [String] = []
        while let url = enumerator.nextObject() as? URL {
            guard ["yaml", "yml", "json"].contains(url.pathExtension.lowercased()),
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
            else { continue }
            let modified = values.contentModificationDate?.timeIntervalSince1970 ?? 0
            entries.append("\(url.path) \(values.fileSize ?? 0) \(modified)")
        }
        return entries.sorted()
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
