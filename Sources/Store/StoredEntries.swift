import StorageModel
import StoreRecords

/// Everything the topology tables hold, each entry with its pending marker: what the store reads in one pass.
///
/// Pure: it turns rows into a `Topology` and answers questions about markers without touching the database.
struct StoredEntries: Sendable {
    /// A model value and the unfinished operation it belongs to, if any.
    struct Marked<Value: Sendable>: Sendable {
        var value: Value
        var pending: OperationID?
    }

    var clusters: [Cluster] = []
    var nodes: [Marked<Node>] = []
    var devices: [Marked<Device>] = []
    var bricks: [Marked<Brick>] = []
    var volumes: [Marked<Volume>] = []

    /// Builds the topology; without pending entries it also leaves out anything whose parent was left out, so
    /// the result never holds an orphan.
    ///
    /// Devices go in with `used` zero and each brick adds its `reserved` (`Topology.insert(_:)` does that), so
    /// `used` always equals the sum over the bricks shown, and the stored rows cannot disagree with it.
    func topology(includingPending: Bool) -> Topology {
        var topology = Topology()
        for cluster in self.clusters {
            topology.insert(cluster)
        }
        func shown<Value>(_ entry: Marked<Value>) -> Bool { includingPending || entry.pending == nil }
        for entry in self.nodes where shown(entry) && topology.clusters[entry.value.cluster] != nil {
            topology.insert(entry.value)
        }
        for entry in self.devices where shown(entry) && topology.nodes[entry.value.node] != nil {
            var device = entry.value
            device.used = .zero
            topology.insert(device)
        }
        for entry in self.volumes where shown(entry) && topology.clusters[entry.value.cluster] != nil {
            topology.insert(entry.value)
        }
        for entry in self.bricks where shown(entry) {
            let brick = entry.value
            guard topology.devices[brick.device] != nil, topology.volumes[brick.volume] != nil,
                topology.nodes[brick.node] != nil
            else { continue }
            topology.insert(brick)
        }
        return topology
    }

    /// The entries `operation` marks, children first, so deleting them in this order never trips a foreign key.
    func entries(pendingFor operation: OperationID) -> [StoreEntry] {
        self.bricks.filter { $0.pending == operation }.map { .brick($0.value.id) }
            + self.volumes.filter { $0.pending == operation }.map { .volume($0.value.id) }
            + self.devices.filter { $0.pending == operation }.map { .device($0.value.id) }
            + self.nodes.filter { $0.pending == operation }.map { .node($0.value.id) }
    }

    /// Whether any entry belongs to an unfinished operation (then the complete-only topology differs from the full one).
    var hasPendingEntries: Bool {
        self.nodes.contains { $0.pending != nil } || self.devices.contains { $0.pending != nil }
            || self.bricks.contains { $0.pending != nil } || self.volumes.contains { $0.pending != nil }
    }

    /// Every marked entry and its operation.
    var pendingMarkers: [StoreEntry: OperationID] {
        var markers: [StoreEntry: OperationID] = [:]
        for entry in self.nodes { if let pending = entry.pending { markers[.node(entry.value.id)] = pending } }
        for entry in self.devices { if let pending = entry.pending { markers[.device(entry.value.id)] = pending } }
        for entry in self.bricks { if let pending = entry.pending { markers[.brick(entry.value.id)] = pending } }
        for entry in self.volumes { if let pending = entry.pending { markers[.volume(entry.value.id)] = pending } }
        return markers
    }
}
