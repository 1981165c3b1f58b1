import DesiredState
import Foundation
import ReconcilePlanning
import StorageModel

/// Times the pure halves of the controller at fleet scale (10,000 replica-3 claims on 1,000 nodes x 4 devices):
/// the reconcile planner against an empty store, against a store where everything exists (the plan every
/// resync computes), with 1 % of the claims grown, and the drift detector over a matching observation. Each
/// figure is the median of several runs; the step and finding counts show the work is what it should be.
struct ReconcileBenchmark {
    var quick: Bool
    var fleet = ReconcileFleet(nodes: 1_000, devicesPerNode: 4, claims: 10_000)

    var runs: Int { self.quick ? 3 : 5 }

    func run() {
        Self.progress("building \(self.fleet.claims) claims on \(self.fleet.nodes) nodes")
        let desired = self.fleet.desired()
        let topology = self.fleet.topology()
        self.plan("reconcile.plan.empty", desired, against: Topology())
        self.plan("reconcile.plan.noop", desired, against: topology)
        self.plan("reconcile.plan.grow", self.fleet.desired(growEvery: 100), against: topology)
        self.planPerClaim(desired, against: topology)
        Self.progress("building the observation")
        self.drift(self.fleet.observed(topology), against: topology)
    }

    func plan(_ scenario: String, _ desired: DesiredState, against topology: Topology) {
        let planner = ReconcilePlanner()
        var plan = ReconcilePlan()
        let seconds = self.median(scenario) { plan = planner.plan(desired, against: topology) }
        var line = self.line(scenario, seconds: seconds)
        line.add("storedVolumes", topology.volumes.count)
        line.add("steps", plan.steps.count)
        for action in ["add_node", "add_device", "create_volume", "expand_volume", "delete_volume"] {
            line.add(action, plan.steps.filter { $0.action == action }.count)
        }
        line.add("notices", plan.notices.count)
        line.add("refusals", plan.refusals.count)
        line.print()
    }

    /// What a controller pass costs in planning: every claim planned alone (its key's reconcile), against one claim
    /// index of the store, each claim found through one index of the documents.
    func planPerClaim(_ desired: DesiredState, against topology: Topology) {
        let planner = ReconcilePlanner()
        var steps = 0
        let seconds = self.median("reconcile.plan.perclaim") {
            steps = 0
            let index = ClaimIndex(topology)
            var claims: [ClaimReference: VolumeClaim] = [:]
            for claim in desired.claims { claims[desired.reference(of: claim)] = claim }
            for (reference, claim) in claims {
                steps += planner.plan(claim: reference, wanting: claim, against: topology, index: index).steps.count
            }
        }
        var line = self.line("reconcile.plan.perclaim", seconds: seconds)
        line.add("storedVolumes", topology.volumes.count)
        line.add("steps", steps)
        line.print()
    }

    func drift(_ observed: ObservedState, against topology: Topology) {
        var findings: [DriftFinding] = []
        let seconds = self.median("reconcile.drift") {
            findings = DriftDetector.findings(observed: observed, topology: topology)
        }
        var line = self.line("reconcile.drift", seconds: seconds)
        line.add("observedVolumes", observed.volumes.count)
        line.add("observedBricks", observed.volumes.reduce(0) { $0 + $1.bricks.count })
        line.add("observedPeers", observed.nodes.reduce(0) { $0 + $1.peers.count })
        line.add("findings", findings.count)
        line.print()
    }

    private func line(_ scenario: String, seconds: [Double]) -> JSONLine {
        var line = JSONLine(scenario: scenario)
        line.add("nodes", self.fleet.nodes)
        line.add("devices", self.fleet.nodes * self.fleet.devicesPerNode)
        line.add("claims", self.fleet.claims)
        line.add("runs", seconds.count)
        line.add("medianSeconds", seconds[seconds.count / 2])
        line.add("minSeconds", seconds[0])
        return line
    }

    /// The sorted wall times of `runs` runs of `body`.
    private func median(_ scenario: String, _ body: () -> Void) -> [Double] {
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for run in 1...self.runs {
            seconds.append(clock.measure(body).seconds)
            Self.progress("\(scenario) run \(run)/\(self.runs): \(String(format: "%.3f", seconds.last ?? 0)) s")
        }
        return seconds.sorted()
    }

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("reconcile: \(text)\n".utf8))
    }
}
