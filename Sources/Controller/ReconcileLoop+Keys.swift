import DesiredState
import EventLog
import Metrics
import Operations
import ReconcilePlanning
import StorageModel
import Store
import StoreRecords
import Synchronization

extension ReconcileLoop {
    /// The loop's queue: `workers` keys at a time, each failure retried after `retryBase`, doubling up to `period`.
    func makeQueue() -> Queue {
        Queue(
            workers: self.settings.workers,
            backoff: self.backoff, clock: SleepClock(sleep: self.sleep)
        ) { [weak self] key in
            guard let self else { return .done }
            return await self.reconcile(key)
        }
    }

    var backoff: RetryBackoff { RetryBackoff(base: self.settings.retryBase, cap: self.settings.period) }

    /// Reconciles one key: reads its desired object and the store fresh, plans that key alone, and runs its steps.
    func reconcile(_ key: ReconcileKey) async -> Queue.Outcome {
        let desired: DesiredState
        do throws(DesiredStateError) {
            desired = try await self.source.read(fresh: false)
        } catch {
            // The source is unreadable or invalid; the pass that finds it so says why, and a later one adds the key.
            return .failed
        }
        let topology: Topology
        let index: ClaimIndex
        do {
            (topology, index) = try await self.readStore()
        } catch {
            self.log.error("reconcile_read_failed", ("key", key.description), ("error", "\(error)"))
            return .retry
        }
        switch key {
        case .claim(let reference):
            return await self.reconcile(claim: reference, desired: desired, topology: topology, index: index)
        case .cluster, .joining, .node:
            return await self.reconcile(topology: key, desired: desired, topology: topology)
        }
    }

    /// A topology key: the documents' clusters planned against the store, this key's steps run.
    private func reconcile(topology key: ReconcileKey, desired: DesiredState, topology: Topology) async -> Queue.Outcome {
        let plan = ReconcilePlanner().plan(DesiredState(clusters: desired.clusters, source: desired.source), against: topology)
        let work = KeyedPlan(plan).work(for: key)
        self.logNotices(work == nil ? [] : plan.notices, for: key)
        guard let work else { return .done }
        return await self.run(work) ? .done : .retry
    }

    /// A claim key: the claim as its source has it now (nil when it is gone) against its volume. Its status is
    /// reported whatever happens.
    private func reconcile(
        claim reference: ClaimReference, desired: DesiredState, topology: Topology, index: ClaimIndex
    ) async -> Queue.Outcome {
        let key = ReconcileKey.claim(reference)
        let claim = self.claim(reference, in: desired)
        let planner = ReconcilePlanner()
        var plan = planner.plan(
            claim: reference, wanting: claim, against: topology, index: index, clusters: desired.clusters)
        self.logNotices(plan.notices, for: key)
        if !plan.refusals.isEmpty {
            for refusal in plan.refusals { self.log.warning("reconcile_refused", ("claim", reference.description), ("message", refusal)) }
            self.state.withLock { $0.refusals += 1 }
            await self.record(reference, claim, .refused(reason: "Refused", message: plan.refusals.joined(separator: "; ")))
            return .failed
        }
        if plan.steps.contains(where: \.isDeletion) {
            plan = await self.confirmingDeletions(plan, of: reference)
        }
        let departing = desired.departing.contains(reference)
        guard let work = KeyedPlan(plan).work(for: key) else {
            await self.settle(reference, claim, index: index, departing: departing)
            return .done
        }
        if let claim { await self.record(reference, claim, .progressing(message: plan.steps.map(\.description).joined(separator: "; "))) }
        let results = ResultLog()
        let succeeded = await self.run(work) { results.add($0) }
        if succeeded {
            self.state.withLock { $0.failures[reference] = nil }
            let after = try? await self.readStore()
            await self.settle(reference, claim, index: after?.1 ?? index, departing: departing)
            return .done
        }
        let failures = self.state.withLock { state -> Int in
            state.failures[reference, default: 0] += 1
            return state.failures[reference] ?? 1
        }
        let delay = self.backoff.delay(afterFailures: failures)
        let retryAt = self.now() + Int64(delay.components.seconds) + (delay.components.attoseconds > 0 ? 1 : 0)
        await self.record(
            reference, claim,
            .failed(reason: "ReconcileFailed", message: results.lastFailure ?? "a step failed", retryAt: retryAt))
        return .retry
    }

    /// Runs one key's steps, counting them; true when all succeeded.
    private func run(_ work: KeyedPlan.Work, each: @Sendable (ReconcileApplier.StepResult) -> Void = { _ in }) async -> Bool {
        let succeeded = await self.applier.run(work) { _, result in
            each(result)
            guard !result.skipped else { return }
            self.state.withLock { $0.stepsRun += 1 }
            self.metrics.actions.increment(result.step.action, result.succeeded ? "succeeded" : "failed")
        }
        if !succeeded { self.log.warning("reconcile_key_failed", ("key", work.key.description)) }
        return succeeded
    }

    /// Nothing to do for a claim: Ready with its volume, or forgotten when the claim and its volume are both gone.
    /// A departing claim with nothing left to do is forgotten whatever its volume: deleted, or kept (released).
    private func settle(_ reference: ClaimReference, _ claim: VolumeClaim?, index: ClaimIndex, departing: Bool) async {
        guard let claim else {
            if index.byClaim[reference] == nil || departing { await self.forget(reference, departing: departing) }
            return
        }
        let volume = index.byClaim[reference]?.first ?? index.byName[claim.volumeName]?.first
        await self.record(
            reference, claim,
            .ready(volume: volume?.id.description ?? "", message: "volume \(claim.volumeName) is as the claim asks"))
    }

    /// The claim's next status; reported to the source and recorded in the store when it changed.
    private func record(_ reference: ClaimReference, _ claim: VolumeClaim?, _ outcome: ClaimStatus.Outcome) async {
        let now = self.now()
        let (next, changed) = self.state.withLock { state -> (ClaimStatus, Bool) in
            let previous = state.statuses[reference]
                ?? ClaimStatus(claim: reference, volumeName: claim?.volumeName ?? reference.name)
            var next = previous.after(outcome, generation: claim?.generation ?? previous.observedGeneration, at: now)
            if let claim { next.volumeName = claim.volumeName }
            state.statuses[reference] = next
            return (next, next != previous)
        }
        guard changed else { return }
        await self.source.report(next)
        if let record = try? ClaimStatusRecord(next) {
            try? await self.engine.store.saveClaimStatus(key: reference.description, record.json)
        }
    }

    /// The claim's status goes. Its source hears of it when it had a status, or when it waits for the word (a
    /// departing claim's finalizer comes off then).
    private func forget(_ reference: ClaimReference, departing: Bool) async {
        let known = self.state.withLock { state in
            defer { state.statuses[reference] = nil; state.failures[reference] = nil }
            return state.statuses[reference] != nil
        }
        try? await self.engine.store.deleteClaimStatus(key: reference.description)
        if known || departing { await self.source.forget(reference) }
    }

    /// The store as it is now, with its claim index, rebuilt only when the store's revision moved: one index serves
    /// every claim key of a pass.
    func readStore() async throws(StoreError) -> (Topology, ClaimIndex) {
        let (topology, revision) = try await self.engine.store.snapshot(includingPending: false)
        if let cached = self.state.withLock({ $0.index }), cached.revision == revision { return (topology, cached.index) }
        let index = ClaimIndex(topology)
        self.state.withLock { $0.index = (revision, index) }
        return (topology, index)
    }

    /// The claim of `reference` in `desired`, through an index kept per revision of the source (a source that does
    /// not count its reads is scanned).
    func claim(_ reference: ClaimReference, in desired: DesiredState) -> VolumeClaim? {
        guard desired.revision != 0 else { return desired.claims.first { desired.reference(of: $0) == reference } }
        let claims = self.state.withLock { state -> [ClaimReference: VolumeClaim]? in
            state.claims.flatMap { $0.revision == desired.revision ? $0.byReference : nil }
        }
        if let claims { return claims[reference] }
        var byReference: [ClaimReference: VolumeClaim] = [:]
        for claim in desired.claims { byReference[desired.reference(of: claim)] = claim }
        self.state.withLock { $0.claims = (desired.revision, byReference) }
        return byReference[reference]
    }

    /// Logs the notices of `key` that are new since its last run, and those that cleared.
    func logNotices(_ notices: [String], for key: ReconcileKey) {
        let current = Set(notices)
        let previous = self.state.withLock { state -> Set<String> in
            defer { state.notices[key] = current.isEmpty ? nil : current }
            return state.notices[key] ?? []
        }
        for notice in notices where !previous.contains(notice) { self.log.info("reconcile_notice", ("message", notice)) }
        for notice in previous.subtracting(current).sorted() {
            self.log.info("reconcile_notice_cleared", ("message", notice))
        }
    }

    /// `plan` without the deletions that a second read of the source, `deletionConfirmation` later, does not plan as
    /// well (the claim is back, or the source no longer reads).
    private func confirmingDeletions(_ plan: ReconcilePlan, of reference: ClaimReference) async -> ReconcilePlan {
        try? await self.sleep(self.settings.deletionConfirmation)
        var confirmed: Set<VolumeID> = []
        if let again = try? await self.source.read(fresh: true),
            let topology = try? await self.engine.store.topology(includingPending: false)
        {
            let claim = again.claims.first { again.reference(of: $0) == reference }
            let steps = ReconcilePlanner().plan(
                claim: reference, wanting: claim, against: topology, clusters: again.clusters
            ).steps
            for step in steps {
                if case .deleteVolume(let id, _, _, _) = step { confirmed.insert(id) }
            }
        }
        var result = plan
        result.steps = plan.steps.filter { step in
            guard case .deleteVolume(let id, _, let name, _) = step, !confirmed.contains(id) else { return true }
            self.log.warning(
                "reconcile_deletion_deferred", ("volume", name),
                ("reason", "a second read of the source does not delete it"))
            return false
        }
        return result
    }
}

/// The last failure among a key's step results, as they come in.
private final class ResultLog: Sendable {
    private let failure = Mutex<String?>(nil)

    func add(_ result: ReconcileApplier.StepResult) {
        guard !result.succeeded, !result.skipped else { return }
        self.failure.withLock { $0 = "\(result.step.description): \(result.message)" }
    }

    var lastFailure: String? { self.failure.withLock { $0 } }
}

/// A clock made of a sleep function, so the queue's retries wait on whatever clock the loop was given.
struct SleepClock: Clock {
    let sleep: @Sendable (Duration) async throws -> Void
    private let base = ContinuousClock()

    var now: ContinuousClock.Instant { self.base.now }
    var minimumResolution: Duration { self.base.minimumResolution }

    func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {
        try await self.sleep(self.base.now.duration(to: deadline))
    }
}
