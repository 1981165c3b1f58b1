import DesiredState
import ReconcilePlanning

/// A reconcile plan's steps grouped by the object they concern, in the plan's order within each object, and in two
/// stages: topology keys (a cluster with the nodes joining it and their devices; devices added to stored nodes)
/// before volume keys.
///
/// The nodes of one cluster share a key, so they join its trusted pool one at a time; different clusters, and
/// devices of nodes already stored, proceed in parallel. A new cluster is made through `ClusterMaker`, by the
/// cluster's `seeds` name, so a retry joins the cluster a failed attempt made instead of making another.
struct KeyedPlan: Sendable {
    /// One key's steps, each with its place in the plan.
    struct Work: Sendable {
        var key: ReconcileKey
        var steps: [(index: Int, step: ReconcileStep)]
        /// The `ClusterMaker` names of the new clusters the steps refer to, by desired cluster index.
        var seeds: [Int: String]
    }

    /// Topology work, then volume work; a stage with nothing in it is left out.
    var stages: [[Work]]
    private let byKey: [ReconcileKey: Work]

    init(_ plan: ReconcilePlan) {
        // A new cluster is named by its nodes' manage hostnames, which stay the same from one plan to the next.
        var hosts: [Int: [String]] = [:]
        for step in plan.steps {
            if case .addNode(let node, .new(let index)) = step { hosts[index, default: []].append(node.manageHostname) }
        }
        let seeds = hosts.mapValues { $0.sorted().joined(separator: ",") }
        // A node added in this plan keeps its devices in its cluster's key.
        var nodeKeys: [String: ReconcileKey] = [:]
        for step in plan.steps {
            switch step {
            case .addNode(let node, .new(let index)): nodeKeys[node.manageHostname] = .cluster(index: index)
            case .addNode(let node, .existing(let cluster)): nodeKeys[node.manageHostname] = .joining(cluster)
            default: break
            }
        }
        var order: [ReconcileKey] = []
        var byKey: [ReconcileKey: Work] = [:]
        for (index, step) in plan.steps.enumerated() {
            let key = Self.key(of: step, nodeKeys: nodeKeys)
            if byKey[key] == nil {
                order.append(key)
                byKey[key] = Work(key: key, steps: [], seeds: [:])
            }
            byKey[key]?.steps.append((index, step))
            if let cluster = Self.newCluster(of: step) {
                byKey[key]?.seeds[cluster] = seeds[cluster] ?? "#\(cluster + 1)"
            }
        }
        self.byKey = byKey
        self.stages = [order.filter(\.isTopology), order.filter { !$0.isTopology }]
            .map { $0.compactMap { byKey[$0] } }
            .filter { !$0.isEmpty }
    }

    /// The work for `key`, nil when the plan has nothing for it.
    func work(for key: ReconcileKey) -> Work? {
        self.byKey[key]
    }

    private static func key(of step: ReconcileStep, nodeKeys: [String: ReconcileKey]) -> ReconcileKey {
        switch step {
        case .createCluster(let index): return .cluster(index: index)
        case .addNode(let node, _): return nodeKeys[node.manageHostname] ?? .node(node.manageHostname)
        case .addDevice(_, let host): return nodeKeys[host] ?? .node(host)
        case .createVolume(_, let claim), .expandVolume(_, let claim, _, _, _), .updateVolume(_, let claim, _, _),
            .deleteVolume(_, let claim, _, _):
            return .claim(claim)
        }
    }

    /// The desired cluster index a step creates or joins when that cluster is new.
    private static func newCluster(of step: ReconcileStep) -> Int? {
        switch step {
        case .createCluster(let index), .addNode(_, .new(let index)): return index
        default: return nil
        }
    }
}
