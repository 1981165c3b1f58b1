public import EventLog
public import Planning
public import Executor
import Foundation
public import StorageModel
public import Store
public import StoreRecords
import Synchronization

/// The one mutation path of Brickyard. Every source of desired state (REST, topology files, Kubernetes) asks it to
/// change something; it plans the change against the store's topology and records intent, reservation and journal
/// in one transaction (so concurrent requests never over-commit a device), then applies the plan in the background
/// through the executor and finalizes or rolls back.
///
/// At most `maxInflightOperations` operations apply at once; beyond that, `submit` refuses with `busy` rather than
/// queueing without bound. `recover()` finishes what a previous process left unfinished.
public final class OperationEngine: Sendable {
    public let store: any ClusterStore
    public let settings: EngineSettings
    /// Closed, nothing new is admitted: no operation, no edit.
    public let gate: MutationGate
    private let applier: Applier
    private let log: Logger
    private let clock: @Sendable () -> UnixTime
    private let running = Mutex(RunningOperations())
    private let admitted = Mutex(0)
    /// Called when an operation ends (metrics): its type, status and how long it took.
    private let onFinish: @Sendable (OperationType, OperationStatus, Duration) -> Void

    public init(
        store: any ClusterStore, executor: any NodeExecutor, settings: EngineSettings, log: Logger = .discarding,
        clock: @escaping @Sendable () -> UnixTime = OperationEngine.systemClock, gate: MutationGate = MutationGate(),
        onFinish: @escaping @Sendable (OperationType, OperationStatus, Duration) -> Void = { _, _, _ in }
    ) {
        self.store = store
        self.settings = settings
        self.gate = gate
        self.log = log
        self.clock = clock
        self.onFinish = onFinish
        self.applier = Applier(store: store, executor: executor, clock: clock, log: log)
    }

    @Sendable public static func systemClock() -> UnixTime {
        UnixTime(seconds: Int64(Date().timeIntervalSince1970))
    }

    /// Operations admitted and not yet finished in this process.
    public var inflightCount: Int { self.admitted.withLock { $0 } }

    // MARK: Volumes

    public func createVolume(_ spec: VolumeSpec) async throws(OperationError) -> (OperationID, VolumeID) {
        var generator = SystemRandomNumberGenerator()
        let volume = VolumeID.random(using: &generator)
        let planner = VolumeOperationPlanner(settings: self.settings)
        let operation = try await self.submit { operation, topology, generator throws(OperationError) in
            try planner.create(spec, id: volume, operation: operation, in: topology, using: &generator)
        }
        return (operation, volume)
    }

    public func expandVolume(_ id: VolumeID, by size: ByteCount) async throws(OperationError) -> OperationID {
        let planner = VolumeOperationPlanner(settings: self.settings)
        return try await self.submit(holding: .exclusive(.volume(id))) { operation, topology, generator throws(OperationError) in
            try planner.expand(id, by: size, operation: operation, in: topology, using: &generator)
        }
    }

    /// Sets and resets options and changes the bricks' group of a volume in place (`VolumeUpdate`), journaled and
    /// holding the volume like an expansion, so an update and an expansion of one volume never interleave.
    public func updateVolume(_ id: VolumeID, _ update: VolumeUpdate) async throws(OperationError) -> OperationID {
        let planner = VolumeOperationPlanner(settings: self.settings)
        return try await self.submit(holding: .exclusive(.volume(id))) { _, topology, _ throws(OperationError) in
            try planner.update(id, update, in: topology)
        }
    }

    public func deleteVolume(_ id: VolumeID) async throws(OperationError) -> OperationID {
        let planner = VolumeOperationPlanner(settings: self.settings)
        return try await self.submit(holding: .exclusive(.volume(id))) { operation, topology, _ throws(OperationError) in
            try planner.delete(id, operation: operation, in: topology)
        }
    }

    // MARK: Nodes and devices

    public func addNode(_ node: Node) async throws(OperationError) -> OperationID {
        let planner = TopologyOperationPlanner(settings: self.settings)
        return try await self.submit(placing: false) { operation, topology, _ throws(OperationError) in
            try planner.addNode(node, operation: operation, in: topology)
        }
    }

    public func removeNode(_ id: NodeID) async throws(OperationError) -> OperationID {
        let planner = TopologyOperationPlanner(settings: self.settings)
        return try await self.submit(holding: .exclusive(.node(id))) { operation, topology, _ throws(OperationError) in
            try planner.removeNode(id, operation: operation, in: topology)
        }
    }

    public func addDevice(_ device: Device, destroyData: Bool) async throws(OperationError) -> OperationID {
        let planner = TopologyOperationPlanner(settings: self.settings)
        return try await self.submit(holding: .shared(.node(device.node)), placing: false) {
            operation, topology, _ throws(OperationError) in
            try planner.addDevice(device, destroyData: destroyData, operation: operation, in: topology)
        }
    }

    public func removeDevice(_ id: DeviceID) async throws(OperationError) -> OperationID {
        let planner = TopologyOperationPlanner(settings: self.settings)
        return try await self.submit(holding: .exclusive(.device(id))) { operation, topology, _ throws(OperationError) in
            try planner.removeDevice(id, operation: operation, in: topology)
        }
    }

    public func resyncDevice(_ id: DeviceID) async throws(OperationError) -> OperationID {
        let planner = TopologyOperationPlanner(settings: self.settings)
        return try await self.submit(holding: .exclusive(.device(id))) { _, topology, _ throws(OperationError) in
            try planner.resyncDevice(id, in: topology)
        }
    }

    public func setState(_ target: StateTarget, to state: OperationalState) async throws(OperationError) -> OperationID {
        let planner = TopologyOperationPlanner(settings: self.settings)
        let hold: ObjectHold =
            switch target {
            case .node(let id): .exclusive(.node(id))
            case .device(let id): .exclusive(.device(id))
            }
        return try await self.submit(holding: hold) { operation, topology, generator throws(OperationError) in
            try planner.setState(target, to: state, operation: operation, in: topology, using: &generator)
        }
    }

    /// Heals one drift finding through the journal, holding its volume or node; planned against the store as it is
    /// now (`HealPlanner`), so a heal observed before a change never undoes it.
    public func heal(_ action: Action) async throws(OperationError) -> OperationID {
        let target: ObjectHold? = Intent.heal(action).primaryHold
        return try await self.submit(holding: target) { operation, topology, _ throws(OperationError) in
            try HealPlanner().plan(action, operation: operation, in: topology)
        }
    }

    /// Clears what `repair` decided: stale marks cleared, volume sizes corrected and leftover holds released at once;
    /// the entries to forget are marked by the repair, their bricks still on a node destroyed, and the entries deleted
    /// when that has succeeded. Each touched volume is held meanwhile.
    public func repair(_ repair: StoreRepair) async throws(OperationError) -> OperationID {
        try await self.submit { operation, topology, _ throws(OperationError) in
            var changes = repair.clears.map { StoreChange.clearPending($0) }
            for (id, size) in repair.resizes.sorted(by: { $0.key < $1.key }) {
                guard var volume = topology.volumes[id] else { continue }
                volume.size = size
                changes.append(.updateVolume(volume))
            }
            changes += repair.releasedHolds.map { StoreChange.releaseHolds(of: $0) }
            changes += repair.deletions.map { StoreChange.markPending($0, operation) }
            var volumes = Set(repair.resizes.keys)
            for entry in repair.deletions + repair.clears {
                switch entry {
                case .volume(let id): volumes.insert(id)
                case .brick(let id): if let brick = topology.bricks[id] { volumes.insert(brick.volume) }
                default: break
                }
            }
            return PlannedOperation(
                intent: .repairStore, changes: changes,
                plan: Plan(actions: repair.destroy.map { .destroyBrick(brick: $0) }), location: nil,
                holds: volumes.sorted().map { .exclusive(.volume($0)) })
        }
    }

    /// Records an operation that failed before anything ran, with `reason` as its result: Heketi accepts a state
    /// change it then refuses, so its clients expect 202 and read the refusal from `/queue/{id}`. Nothing is held or
    /// reserved, so nothing is left pending.
    public func recordRefusal(of intent: Intent, reason: String) async throws(OperationError) -> OperationID {
        if let closed = self.gate.reason { throw .mutationsClosed(closed) }
        var generator = SystemRandomNumberGenerator()
        let operation = OperationID.random(using: &generator)
        let now = self.clock()
        do {
            var record = try OperationRecord(id: operation, type: intent.type, encoding: intent, at: now)
            record.status = .failed
            record.result = reason
            record.finishedAt = now
            try await self.store.commit(.insertOperation(record))
        } catch let error as StoreError {
            throw OperationError.from(error)
        } catch {
            throw .store(.invalidValue("encoding the operation: \(error)"))
        }
        self.log.info("operation_refused", ("operation", operation), ("type", intent.type), ("reason", reason))
        return operation
    }

    // MARK: Immediate edits

    /// A change that runs nothing on the nodes (clusters, tags): planned from the topology and committed at once.
    public func edit<Value: Sendable>(
        _ make: @escaping @Sendable (Topology) throws(OperationError) -> (changes: [StoreChange], value: Value)
    ) async throws(OperationError) -> Value {
        if let reason = self.gate.reason { throw .mutationsClosed(reason) }
        let result: Result<Value, OperationError>
        do throws(StoreError) {
            result = try await self.store.commit { view in
                do throws(OperationError) {
                    let planned = try make(view.topology)
                    return (planned.changes, .success(planned.value))
                } catch {
                    return ([], .failure(error))
                }
            }
        } catch {
            throw OperationError.from(error)
        }
        return try result.get()
    }

    // MARK: Submission

    private typealias Make = @Sendable (OperationID, Topology, inout SystemRandomNumberGenerator) throws(OperationError)
        -> PlannedOperation

    /// Admits, plans and records an operation, then applies it in the background; returns its ID at once.
    ///
    /// `target`, the object the request names, is checked against the holds before planning, so a request for an
    /// object another operation is changing is refused as busy rather than planned against a state about to change.
    /// The planner's own holds (and the intent's) are checked after planning and recorded first in the batch; the
    /// store refuses a conflicting hold in any case. Devices another operation holds exclusively (being failed,
    /// removed or resynced) are hidden from placement; a plan that places no brick (`placing` false: a node or a
    /// device joining) sees the topology as it is, which spares a copy of every device per request while other
    /// devices are being added.
    private func submit(holding target: ObjectHold? = nil, placing: Bool = true, _ make: @escaping Make)
        async throws(OperationError) -> OperationID
    {
        if let reason = self.gate.reason { throw .mutationsClosed(reason) }
        let limit = self.settings.maxInflightOperations
        let admitted = self.admitted.withLock { count -> Bool in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else { throw .busy(limit: limit) }
        var released = false
        defer { if !released { self.admitted.withLock { $0 -= 1 } } }

        var generator = SystemRandomNumberGenerator()
        let operation = OperationID.random(using: &generator)
        let now = self.clock()
        let result: Result<PlannedOperation, OperationError>
        let topology: Topology
        do throws(StoreError) {
            (result, topology) = try await self.store.commitAndReadTopology { view in
                var generator = SystemRandomNumberGenerator()
                do {
                    if let target, let holder = view.holds.conflict(with: target) {
                        throw OperationError.objectBusy(target.entry, operation: holder.operation, type: holder.type)
                    }
                    let topology =
                        placing ? view.topology.withoutDevices(view.holds.exclusivelyHeldDevices) : view.topology
                    let planned = try make(operation, topology, &generator)
                    let holds = Self.holds(of: planned)
                    if let holder = view.holds.conflict(with: holds) {
                        let entry = holds.first { $0.conflicts(with: holder.hold) }?.entry ?? holder.hold.entry
                        throw OperationError.objectBusy(entry, operation: holder.operation, type: holder.type)
                    }
                    // The first steps are recorded as started with the operation itself (which is running from
                    // then on), so they run without a write of their own: after a crash in between, recovery undoes
                    // them, and undo tolerates work that never happened.
                    let actions = planned.plan.actions
                    let firstSteps = Set(actions.isEmpty ? [] : Applier.batch(in: actions, from: 0))
                    var record = try OperationRecord(
                        id: operation, type: planned.intent.type, encoding: planned.intent, at: now)
                    if !firstSteps.isEmpty { record.status = .running }
                    var changes: [StoreChange] = [.insertOperation(record)]
                    changes += holds.map { StoreChange.hold($0, by: operation) }
                    changes += try Self.journal(of: planned.plan, operation: operation, at: now, started: firstSteps)
                        .map(StoreChange.appendJournal)
                    return (changes + planned.changes, .success(planned))
                } catch let error as OperationError {
                    return ([], .failure(error))
                } catch {
                    return ([], .failure(.store(.invalidValue("encoding the operation: \(error)"))))
                }
            }
        } catch {
            throw OperationError.from(error)
        }
        let planned = try result.get()
        released = true
        self.log.info(
            "operation_accepted", ("operation", operation), ("type", planned.intent.type),
            ("steps", planned.plan.actions.count))
        self.launch(
            operation, intent: planned.intent, plan: planned.plan, location: planned.location, startedOn: topology)
        return operation
    }

    /// The planner's holds and the intent's, each object once (exclusive wins over shared).
    static func holds(of planned: PlannedOperation) -> [ObjectHold] {
        var modes: [StoreEntry: ObjectHold.Mode] = [:]
        var order: [StoreEntry] = []
        for hold in [planned.intent.primaryHold].compactMap({ $0 }) + planned.holds {
            if let mode = modes[hold.entry] {
                if mode == .shared, hold.mode == .exclusive { modes[hold.entry] = .exclusive }
            } else {
                modes[hold.entry] = hold.mode
                order.append(hold.entry)
            }
        }
        return order.map { ObjectHold($0, modes[$0] ?? .exclusive) }
    }

    /// The plan's steps as journal entries: `planned`, or `started` for the steps in `started`.
    static func journal(
        of plan: Plan, operation: OperationID, at time: UnixTime, started: Set<Int> = []
    ) throws -> [JournalEntry] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try plan.actions.enumerated().map { step, action in
            JournalEntry(
                operation: operation, step: step, action: String(decoding: try encoder.encode(action), as: UTF8.self),
                state: started.contains(step) ? .started : .planned, updatedAt: time)
        }
    }

    /// Applies in a task of its own; the admission slot is released when it ends. `startedOn` is the topology a new
    /// operation's first steps run on, recorded as started with it.
    private func launch(
        _ operation: OperationID, intent: Intent, plan: Plan, location: String?, resumeAt start: Int = 0,
        ran: Set<Int> = [], rollBack: Bool = false, startedOn topology: Topology? = nil
    ) {
        let started = ContinuousClock.now
        // Handed over rather than captured, so the task holds no topology once its first steps have run.
        let handoff = Mutex(topology)
        // Entered before the task exists, so its end (which may come before `attach`) always finds its entry.
        self.running.withLock { $0.enter(operation) }
        let task = Task {
            let outcome: Applier.Outcome
            if rollBack {
                outcome = await self.applier.fail(
                    operation, intent: intent, plan: plan, ran: ran, reason: "interrupted by a restart; rolled back",
                    status: .rolledBack)
            } else {
                outcome = await self.applier.apply(
                    operation, intent: intent, plan: plan, location: location, from: start, alreadyRan: ran,
                    startedOn: handoff.withLock { $0.take() })
            }
            let elapsed = ContinuousClock.now - started
            // The end is committed by now: waiters are told it as the store holds it.
            let waiters = self.running.withLock {
                $0.remove(operation, status: outcome.status, result: outcome.result)
            }
            waiters.forEach { $0.resume() }
            self.admitted.withLock { $0 -= 1 }
            self.onFinish(intent.type, outcome.status, elapsed)
            let pairs: [(String, any CustomStringConvertible & Sendable)] = [
                ("operation", operation), ("type", intent.type), ("status", outcome.status.rawValue),
                ("duration_ms", Int(elapsed / .milliseconds(1))), ("result", outcome.result ?? ""),
            ]
            self.log.log(outcome.status == .succeeded ? .info : .warning, "operation_finished", pairs)
        }
        self.running.withLock { $0.attach(task, to: operation) }
    }

    /// Waits until `operation` has ended (at once when it is not running here).
    public func wait(for operation: OperationID) async {
        let task = self.running.withLock { $0.task(of: operation) }
        await task?.value
    }

    /// Waits until `operation` ends or `timeout` passes, whichever comes first: what a held `GET /queue/{id}` poll
    /// waits for. Returns at once (`notWaited`) when the operation is not applying in this process (it has ended, or
    /// never ran here) or after `releaseWaiters()`. Woken by the operation's end, not by polling the store; not
    /// cancellable, so it lasts `timeout` at most.
    public func wait(for operation: OperationID, upTo timeout: Duration) async -> OperationWaitOutcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<OperationWaitOutcome, Never>) in
            guard let token = self.running.withLock({ $0.addWaiter(continuation, for: operation) }) else {
                continuation.resume(returning: .notWaited)
                return
            }
            let timer = Task {
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                self.running.withLock { $0.expire(token, of: operation) }?.resume()
            }
            if !self.running.withLock({ $0.attach(timer, toWaiter: token, of: operation) }) {
                timer.cancel()
            }
        }
    }

    /// Callers in `wait(for:upTo:)` now.
    public var waiterCount: Int { self.running.withLock { $0.waiterCount } }

    /// Ends every wait of `wait(for:upTo:)` now and every later one at once: a server shutting down answers its held
    /// polls instead of keeping them until their time runs out.
    public func releaseWaiters() {
        let waiters = self.running.withLock { $0.release() }
        waiters.forEach { $0.resume() }
    }

    /// Waits until every operation started so far has ended (shutdown, tests).
    public func waitUntilIdle() async {
        while true {
            let (tasks, idle) = self.running.withLock { ($0.tasks, $0.isEmpty) }
            if idle { return }
            // An operation entered a moment before its task is attached has no task to wait on yet.
            if tasks.isEmpty { await Task.yield() }
            for task in tasks { await task.value }
        }
    }

    // MARK: Recovery

    /// Finishes what a previous process left unfinished: creations are rolled back (undoing every step that may
    /// have run), removals carried forward from their first step not done, and so is an expansion past its
    /// add-brick (`ExpansionCommitment`). Each runs in the background, and one that fails only marks its own
    /// operation failed; it never blocks new requests.
    public func recover() async throws(StoreError) -> Int {
        let unfinished = try await self.store.unfinishedOperations()
        for record in unfinished {
            let journal = try await self.store.journal(of: record.id)
            let decoder = JSONDecoder()
            guard let intent = try? record.decodeIntent(as: Intent.self),
                let actions = try? journal.map({ try decoder.decode(Action.self, from: Data($0.action.utf8)) })
            else {
                self.log.error("operation_unreadable", ("operation", record.id), ("type", record.type))
                try await self.store.commit(
                    .setOperationStatus(record.id, .failed, result: "unreadable after restart", at: self.clock()))
                continue
            }
            // An operation recorded before holds existed gets its primary hold now, so nothing interleaves with it
            // while it is finished; one recorded since holds everything it held before the restart.
            do throws(StoreError) {
                if let hold = intent.primaryHold { try await self.store.commit(.hold(hold, by: record.id)) }
            } catch {
                self.log.warning("operation_hold_failed", ("operation", record.id), ("error", error.description))
            }
            let plan = Plan(actions: actions)
            let ran = Set(journal.filter { $0.state != .planned && $0.state != .undone }.map(\.step))
            self.admitted.withLock { $0 += 1 }
            let recovery: Intent.Recovery =
                ExpansionCommitment.isCommitted(intent, plan: plan, ran: ran) ? .goForward : intent.recovery
            switch recovery {
            case .rollBack:
                self.log.warning("operation_recovering", ("operation", record.id), ("type", record.type), ("action", "roll_back"))
                self.launch(record.id, intent: intent, plan: plan, location: nil, ran: ran, rollBack: true)
            case .goForward:
                let resume = journal.first(where: { $0.state != .done })?.step ?? actions.count
                self.log.warning(
                    "operation_recovering", ("operation", record.id), ("type", record.type), ("action", "resume"),
                    ("step", resume))
                self.launch(
                    record.id, intent: intent, plan: plan, location: nil, resumeAt: resume, ran: ran)
            }
        }
        return unfinished.count
    }
}
