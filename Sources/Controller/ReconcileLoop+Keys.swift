import DesiredState
import EventLog
import Metrics
import Operations
import ReconcilePlanning
import StorageModel
import Store
import Synchronization

extension ReconcileLoop {
    /// The loop's queue: `workers` keys at a time, each failure retried after `retryBase`, doubling up to `period`.
    func makeQueue() -> Queue {
        Queue(
            workers: self.settings.workers,
            backoff: RetryBackoff(base: self.settings.retryBase, cap: self.settings.period)
        ) { [weak self] key in
            guard let self else { return .done }
            return await self.reconcile(key)
        }
    }

    /// Reconciles one key: the steps the last pass handed it when they were planned after the key last ran,
    /// otherwise steps planned afresh for this key alone (a retry, or a key added again while it ran).
    func reconcile(_ key: ReconcileKey) async -> Queue.Outcome {
        let handed = self.state.withLock { state -> KeyedPlan.Work? in
            guard let handed = state.handed.removeValue(forKey: key) else { return nil }
            if let last = state.lastRun[key], last >= handed.readAt { return nil }
            return handed.work
        }
        let work: KeyedPlan.Work
        if let handed {
            work = handed
        } else {
            switch await self.replan(key) {
            case .work(let planned): work = planned
            case .nothing: return .done
            case .outcome(let outcome): return outcome
            }
        }
        let succeeded = await self.applier.run(work) { _, result in
            guard !result.skipped else { return }
            self.metrics.actions.increment(result.step.action, result.succeeded ? "succeeded" : "failed")
        }
        self.state.withLock { $0.lastRun[key] = ContinuousClock.now }
        if !succeeded { self.log.warning("reconcile_key_failed", ("key", key.description)) }
        return succeeded ? .done : .retry
    }

    enum Replanned {
        case work(KeyedPlan.Work)
        case nothing
        case outcome(Queue.Outcome)
    }

    /// Plans one key against a fresh read of the store, from the documents of the last pass that could plan. Only
    /// the documents that bear on the key are planned: the claims of that name, or the clusters for a topology key.
    private func replan(_ key: ReconcileKey) async -> Replanned {
        guard let desired = self.state.withLock({ $0.desired }) else {
            // The documents are unreadable or refused; the next pass that can plan adds the key again.
            return .outcome(.failed)
        }
        let topology: Topology
        do {
            topology = try await self.engine.store.topology(includingPending: false)
        } catch {
            self.log.error("reconcile_read_failed", ("key", key.description), ("error", "\(error)"))
            return .outcome(.retry)
        }
        let relevant: DesiredState
        switch key {
        case .volume(let name): relevant = DesiredState(claims: desired.claims.filter { $0.name == name })
        case .node, .cluster, .joining: relevant = DesiredState(clusters: desired.clusters)
        }
        let plan = ReconcilePlanner().plan(relevant, against: topology)
        guard let work = KeyedPlan(plan).work(for: key) else {
            // A new cluster whose creation went through is now a stored one: its remaining nodes are keyed by its
            // id, so a pass (soon) takes them up.
            if key.isTopology, !plan.steps.isEmpty { self.trigger() }
            return .nothing
        }
        if !plan.refusals.isEmpty {
            for refusal in plan.refusals { self.log.warning("reconcile_refused", ("message", refusal)) }
            return .outcome(.failed)
        }
        return .work(work)
    }
}
