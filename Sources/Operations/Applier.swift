import EventLog
import Planning
import Executor
import Foundation
import StorageModel
import Store
import StoreRecords

/// Runs an operation's plan through the executor, journaling every step, then finalizes or rolls back.
///
/// Each step is marked `started` in the store before it runs and `done` or `failed` after, so after a crash the
/// journal tells which steps may have touched a node. Consecutive brick creations (or destructions) run
/// concurrently: they touch different bricks, usually on different nodes, and are journaled as one batch.
struct Applier: Sendable {
    let store: any ClusterStore
    let executor: any NodeExecutor
    let clock: @Sendable () -> UnixTime
    let log: Logger

    /// How an application ended, for the operation's record.
    struct Outcome: Sendable {
        var status: OperationStatus
        var result: String?
    }

    /// Runs `plan` from step `start` (0, or where recovery resumes) and records the end. `admitted` is the topology
    /// when the first batch was recorded as started with the operation itself, so it runs at once on it.
    func apply(
        _ operation: OperationID, intent: Intent, plan: Plan, location: String?, from start: Int = 0,
        alreadyRan: Set<Int> = [], startedOn admitted: consuming Topology? = nil
    ) async -> Outcome {
        var ran = alreadyRan
        var step = start
        var failure: String?
        while step < plan.actions.count {
            let batch = Self.batch(in: plan.actions, from: step)
            let topology: Topology
            if step == start, let first = admitted.take() {
                topology = first
            } else {
                do throws(StoreError) {
                    var changes = batch.map {
                        StoreChange.setJournalState(operation, step: $0, .started, at: self.clock())
                    }
                    if step == 0 || step == start {
                        changes.insert(.setOperationStatus(operation, .running, at: self.clock()), at: 0)
                    }
                    topology = try await self.store.commitAndReadTopology(changes)
                } catch {
                    // Nothing of the batch has run, whether or not its start was recorded.
                    failure = "journal: \(error)"
                    break
                }
            }
            ran.formUnion(batch)
            let results = await self.run(batch.map { ($0, plan.actions[$0]) }, in: topology)
            var changes: [StoreChange] = []
            for (index, result) in results {
                switch result {
                case .success(let outcome):
                    changes.append(.setJournalState(operation, step: index, .done, at: self.clock()))
                    if case .device(let report) = outcome, let device = Self.device(of: plan.actions[index]),
                        var updated = topology.devices[device]
                    {
                        updated.total = report.size
                        updated.backend = report.backend
                        updated.sizeEnforced = report.sizeEnforced
                        changes.append(.updateDevice(updated))
                    }
                case .failure(let error) where Self.isAdvisory(plan.actions[index]):
                    // The bricks are in the volume already; a rebalance that did not start (or a size not recorded)
                    // is worth a warning, not a rollback that would take live bricks away.
                    changes.append(
                        .setJournalState(
                            operation, step: index, .done, detail: "not done: \(error.description)", at: self.clock()))
                    self.log.warning(
                        "advisory_step_failed", ("operation", operation), ("action", plan.actions[index].name),
                        ("error", error.description))
                case .failure(let error):
                    changes.append(
                        .setJournalState(operation, step: index, .failed, detail: error.description, at: self.clock()))
                    failure = failure ?? error.description
                }
            }
            // Let go of the topology before writing: the store then updates its own copy in place instead of copying
            // every device because this one is still held.
            _ = consume topology
            if failure == nil, step + batch.count == plan.actions.count {
                // The last steps' records and the operation's end commit together: one write fewer, and no moment
                // when every step is done but the operation still looks interrupted (which recovery would undo).
                return await self.finish(operation, intent: intent, location: location, recording: changes)
            }
            do throws(StoreError) {
                try await self.store.commit(changes)
            } catch {
                failure = failure ?? "journal: \(error)"
            }
            if failure != nil { break }
            step += batch.count
        }
        if let failure {
            return await self.fail(operation, intent: intent, plan: plan, ran: ran, reason: failure)
        }
        return await self.finish(operation, intent: intent, location: location)
    }

    /// Steps whose failure does not fail the operation, after the new bricks joined the volume: `rebalance`, and
    /// recording the new size on the Gluster volume (the drift check sets it again at the next observation). Failing
    /// the operation there would leave the bricks in the volume but not in the store, and an expand asked again.
    static func isAdvisory(_ action: Action) -> Bool {
        switch action {
        case .rebalance: return true
        case .setOptions(_, let options): return !options.isEmpty && options.allSatisfy { $0.key == VolumePlanner.sizeOption }
        default: return false
        }
    }

    /// Records success: the last steps' records (`recording`), the finalizer's changes and the status in one
    /// transaction. The finalizer plans from the topology before `recording`, which only holds journal states and what
    /// devices reported (size and backend), and no finalizer reads those.
    func finish(
        _ operation: OperationID, intent: Intent, location: String?, recording: [StoreChange] = []
    ) async -> Outcome {
        let now = self.clock()
        do throws(StoreError) {
            try await self.store.commit { view in
                let changes = OperationFinalizer.success(of: intent, operation: operation, in: view.topology)
                return (
                    recording + changes + [.setOperationStatus(operation, .succeeded, result: location, at: now)], ()
                )
            }
            return Outcome(status: .succeeded, result: location)
        } catch {
            self.log.error("operation_finalize_failed", ("operation", operation), ("error", error.description))
            return await self.markFailed(operation, "finalizing failed: \(error)")
        }
    }

    /// Undoes what the finalizer says, then records the failure with the reason.
    func fail(
        _ operation: OperationID, intent: Intent, plan: Plan, ran: Set<Int>, reason: String,
        status: OperationStatus = .failed
    ) async -> Outcome {
        let topology: Topology
        do throws(StoreError) {
            topology = try await self.store.topology(includingPending: true)
        } catch {
            return await self.markFailed(operation, "\(reason); reading topology for rollback failed: \(error)")
        }
        let (undo, changes) = OperationFinalizer.failure(
            of: intent, operation: operation, plan: plan, ran: ran, in: topology)
        var undoFailures: [String] = []
        for (step, action) in undo {
            do throws(ExecutorError) {
                _ = try await self.executor.run(action, in: topology)
                try? await self.store.commit(.setJournalState(operation, step: step, .undone, at: self.clock()))
            } catch {
                undoFailures.append(error.description)
            }
        }
        var result = reason
        if ExpansionCommitment.isCommitted(intent, plan: plan, ran: ran) {
            result += "; add-brick had started, so the new bricks are left in place and their space stays reserved"
        }
        var final = changes
        if !undoFailures.isEmpty {
            // Keep the reservation: storage may still exist on a node, and hiding it is safer than reusing it.
            result += "; rollback incomplete (\(undoFailures.joined(separator: "; "))), space stays reserved"
            final = []
        }
        do throws(StoreError) {
            try await self.store.commit(final + [.setOperationStatus(operation, status, result: result, at: self.clock())])
        } catch {
            return await self.markFailed(operation, "\(result); recording the rollback failed: \(error)")
        }
        return Outcome(status: status, result: result)
    }

    private func markFailed(_ operation: OperationID, _ message: String) async -> Outcome {
        try? await self.store.commit(.setOperationStatus(operation, .failed, result: message, at: self.clock()))
        return Outcome(status: .failed, result: message)
    }

    /// The steps from `start` that may run together: a run of brick creations or destructions, else one step.
    static func batch(in actions: [Action], from start: Int) -> [Int] {
        func kind(_ action: Action) -> Int? {
            switch action {
            case .createBrick: 0
            case .destroyBrick: 1
            default: nil
            }
        }
        guard let first = kind(actions[start]) else { return [start] }
        var end = start + 1
        while end < actions.count, kind(actions[end]) == first { end += 1 }
        return Array(start..<end)
    }

    private func run(_ steps: [(Int, Action)], in topology: Topology) async -> [(Int, Result<ActionOutcome, ExecutorError>)] {
        let executor = self.executor
        if steps.count == 1, let (index, action) = steps.first {
            return [await Self.runOne(index, action, executor: executor, topology: topology)]
        }
        return await withTaskGroup(of: (Int, Result<ActionOutcome, ExecutorError>).self) { group in
            for (index, action) in steps {
                group.addTask { await Self.runOne(index, action, executor: executor, topology: topology) }
            }
            var results: [(Int, Result<ActionOutcome, ExecutorError>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
    }

    /// One action with its step index. A function of its own rather than a `do throws(…)` inside the child task's
    /// closure: Swift 6.3.1's optimizer returned a garbage index from that closure in release builds.
    private static func runOne(
        _ index: Int, _ action: Action, executor: any NodeExecutor, topology: Topology
    ) async -> (Int, Result<ActionOutcome, ExecutorError>) {
        do throws(ExecutorError) {
            return (index, .success(try await executor.run(action, in: topology)))
        } catch {
            return (index, .failure(error))
        }
    }

    static func device(of action: Action) -> DeviceID? {
        switch action {
        case .setUpDevice(let device, _), .resyncDevice(let device): device
        default: nil
        }
    }
}
