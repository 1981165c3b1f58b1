import EventLog
import Metrics
import Planning
import StoreRecords
import Synchronization
import Operations
import ReconcilePlanning
import StorageModel
import Store

extension ReconcileLoop {
    /// Every `observeInterval`, observes and heals unless a pass is running (a pass observes at its end anyway). A
    /// heal is an operation holding its volume, so one that meets a pass's step on the same volume waits for a later
    /// turn.
    func observeBetweenPasses() async {
        while !Task.isCancelled {
            do {
                try await self.sleep(self.settings.observeInterval)
            } catch {
                return
            }
            guard !self.state.withLock({ $0.passing }) else { continue }
            _ = await self.heal()
        }
    }

    /// Observes the nodes, records the drift (the gauges show this observation only), and heals what is safe; true
    /// when it healed something. Drift that is not healed is logged when it appears and when it clears, not on
    /// every pass.
    func heal() async -> Bool {
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
        let reported = Set(findings.filter { $0.heal == nil }.map { "\($0.kind.rawValue) \($0.subject): \($0.message)" })
        let previous = self.state.withLock { state -> Set<String> in
            defer {
                state.drift = counts
                state.unhealed = reported
            }
            return state.unhealed
        }
        for finding in findings where finding.heal == nil
            && !previous.contains("\(finding.kind.rawValue) \(finding.subject): \(finding.message)")
        {
            self.log.warning("drift", ("kind", finding.kind.rawValue), ("subject", finding.subject), ("message", finding.message))
        }
        for cleared in previous.subtracting(reported).sorted() { self.log.info("drift_cleared", ("finding", cleared)) }
        var healed = false
        for finding in findings {
            guard let action = finding.heal else { continue }
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
}
