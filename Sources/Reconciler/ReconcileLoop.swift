public import DesiredState
import Engine
import Store
public import EventLog
public import Executor
import Foundation
public import Metrics
public import Operations
public import Reconciliation
public import StorageModel
import Synchronization

/// What can look at the nodes (the command executor); the mock has nothing to observe.
public protocol StateObserver: Sendable {
    func observe(_ topology: Topology) async -> ObservedState
}

/// The controller's loop: on start, whenever the documents change (polled), and every resync period, it plans the
/// documents against the store, applies the plan through the shared engine, then observes the nodes and heals the
/// drift that is safe to heal. One pass at a time; triggers that arrive during a pass collapse into one more pass.
/// A failing pass is retried with exponential backoff, capped at the resync period.
public final class ReconcileLoop: Sendable {
    public struct Settings: Sendable {
        public var directory: String
        public var period: Duration
        /// How often the documents are checked for changes.
        public var pollInterval: Duration
        /// The first retry delay after a failed pass; doubled per further failure, up to `period`.
        public var retryBase: Duration

        public init(
            directory: String, period: Duration = .seconds(60), pollInterval: Duration = .seconds(2),
            retryBase: Duration = .seconds(1)
        ) {
            self.directory = directory
            self.period = period
            self.pollInterval = pollInterval
            self.retryBase = retryBase
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

    let settings: Settings
    let engine: OperationEngine
    let executor: any NodeExecutor
    let observer: (any StateObserver)?
    let log: Logger
    private let metrics: LoopMetrics
    private let state = Mutex(LoopState())

    private struct LoopState {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        var drift: [DriftFinding.Kind: Int] = [:]
        var lastFingerprint: [String] = []
    }

    public init(
        settings: Settings, engine: OperationEngine, executor: any NodeExecutor, observer: (any StateObserver)?,
        metrics: MetricsRegistry, log: Logger = .discarding
    ) {
        self.settings = settings
        self.engine = engine
        self.executor = executor
        self.observer = observer
        self.log = log
        self.metrics = LoopMetrics(registry: metrics)
        metrics.addCollector { [weak self] in
            guard let self else { return [] }
            let snapshot = self.state.withLock { ($0.drift, $0.pending) }
            return DriftFinding.Kind.allCases.map { kind in
                GaugeSample(
                    name: "brickyard_drift", help: "Differences found by the last observation, by kind.",
                    labels: [("kind", kind.rawValue)], value: Double(snapshot.0[kind] ?? 0))
            } + [
                GaugeSample(
                    name: "brickyard_queue_depth", help: "Reconcile passes waiting to run (repeats collapse into one).",
                    value: snapshot.1 ? 1 : 0)
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

    /// Runs passes until the task is cancelled.
    public func run() async {
        var failures = 0
        self.state.withLock { $0.lastFingerprint = Self.fingerprint(self.settings.directory) }
        while !Task.isCancelled {
            self.state.withLock { $0.pending = false }
            let result = await self.pass()
            failures = [.failed, .invalid].contains(result) ? failures + 1 : 0
            let wait =
                failures == 0
                ? self.settings.period
                : min(self.settings.retryBase * (1 << min(failures - 1, 20)), self.settings.period)
            await self.sleep(upTo: wait)
        }
    }

    /// Waits for `duration`, a trigger, or a change in the documents, whichever comes first.
    private func sleep(upTo duration: Duration) async {
        let deadline = ContinuousClock.now + duration
        while !Task.isCancelled, ContinuousClock.now < deadline {
            if self.state.withLock({ $0.pending }) { return }
            let fingerprint = Self.fingerprint(self.settings.directory)
            let changed = self.state.withLock { state -> Bool in
                defer { state.lastFingerprint = fingerprint }
                return state.lastFingerprint != fingerprint
            }
            if changed {
                self.log.info("desired_state_changed", ("directory", self.settings.directory))
                return
            }
            let slice = min(self.settings.pollInterval, ContinuousClock.now.duration(to: deadline))
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await Task.sleep(for: slice) }
                group.addTask {
                    await withCheckedContinuation { continuation in
                        let resumeNow = self.state.withLock { state -> Bool in
                            if state.pending { return true }
                            state.waiter = continuation
                            return false
                        }
                        if resumeNow { continuation.resume() }
                    }
                }
                await group.next()
                group.cancelAll()
                // The waiter is resumed here if the sleep ended first, so the group can finish.
                let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                    defer { state.waiter = nil }
                    return state.waiter
                }
                waiter?.resume()
            }
        }
    }

    /// One pass: documents → plan → apply → observe → heal. Never throws; the result says how it went.
    @discardableResult
    public func pass() async -> Result {
        let started = ContinuousClock.now
        let result = await self.runPass()
        let elapsed = started.duration(to: ContinuousClock.now)
        self.metrics.passes.increment(result.rawValue)
        self.metrics.duration.observe(
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        self.log.log(
            [.failed, .invalid].contains(result) ? .warning : .info, "reconcile_pass",
            [("result", result.rawValue), ("duration_ms", Int(elapsed / .milliseconds(1)))])
        return result
    }

    private func runPass() async -> Result {
        let desired: DesiredState
        do throws(DesiredStateError) {
            desired = try DesiredStateDirectory.load(self.settings.directory)
        } catch {
            self.log.error("desired_state_invalid", ("error", error.description))
            return .invalid
        }
        let topology: Topology
        do {
            topology = try await self.engine.store.topology(includingPending: false)
        } catch {
            self.log.error("reconcile_read_failed", ("error", "\(error)"))
            return .failed
        }
        let plan = ReconcilePlanner().plan(desired, against: topology)
        for notice in plan.notices { self.log.info("reconcile_notice", ("message", notice)) }
        if !plan.refusals.isEmpty {
            for refusal in plan.refusals { self.log.warning("reconcile_refused", ("message", refusal)) }
            return .refused
        }
        var result = Result.converged
        if !plan.isEmpty {
            let results = await ReconcileApplier(engine: self.engine, log: self.log).apply(plan) { step in
                self.metrics.actions.increment(step.step.action, step.succeeded ? "succeeded" : "failed")
            }
            guard results.allSatisfy(\.succeeded), results.count == plan.steps.count else { return .failed }
            result = .changed
        }
        if await self.heal() { result = .changed }
        return result
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
            do throws(ExecutorError) {
                _ = try await self.executor.run(action, in: topology)
                healed = true
                self.metrics.actions.increment("heal_\(action.name)", "succeeded")
                self.log.info(
                    "drift_healed", ("kind", finding.kind.rawValue), ("subject", finding.subject),
                    ("action", action.name), ("message", finding.message))
            } catch {
                self.metrics.actions.increment("heal_\(action.name)", "failed")
                self.log.warning(
                    "drift_heal_failed", ("kind", finding.kind.rawValue), ("subject", finding.subject),
                    ("error", error.description))
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
