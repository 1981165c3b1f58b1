import StorageModel
import StoreRecords

/// Applies a committed batch to the cached entries, so a commit does not cost a full reread of the tables.
///
/// Mirrors what `StoreDatabase.apply(_:)` does to the rows; it runs only after the transaction committed, so every
/// change here is one the database accepted. Debug builds compare the result with a fresh read after every commit.
extension StoredEntries {
    mutating func apply(_ change: StoreChange) {
        switch change {
        case .insertCluster(let cluster): self.clusters.append(cluster)
        case .updateCluster(let cluster): self.clusters = self.clusters.map { $0.id == cluster.id ? cluster : $0 }
        case .deleteCluster(let id): self.clusters.removeAll { $0.id == id }
        case .insertNode(let node, let pending): self.nodes.append(Marked(value: node, pending: pending))
        case .updateNode(let node): Self.replace(&self.nodes, node) { $0.id == node.id }
        case .deleteNode(let id): self.nodes.removeAll { $0.value.id == id }
        case .insertDevice(let device, let pending):
            var stored = device
            stored.used = .zero
            self.devices.append(Marked(value: stored, pending: pending))
        case .updateDevice(let device):
            var stored = device
            stored.used = .zero
            Self.replace(&self.devices, stored) { $0.id == device.id }
        case .deleteDevice(let id): self.devices.removeAll { $0.value.id == id }
        case .insertBrick(let brick, let pending): self.bricks.append(Marked(value: brick, pending: pending))
        case .updateBrick(let brick): Self.replace(&self.bricks, brick) { $0.id == brick.id }
        case .deleteBrick(let id): self.bricks.removeAll { $0.value.id == id }
        case .insertVolume(let volume, let pending): self.volumes.append(Marked(value: volume, pending: pending))
        case .updateVolume(let volume): Self.replace(&self.volumes, volume) { $0.id == volume.id }
        case .deleteVolume(let id): self.volumes.removeAll { $0.value.id == id }
        case .markPending(let entry, let operation): self.setMarker(of: entry, to: operation)
        case .clearPending(let entry): self.setMarker(of: entry, to: nil)
        case .clearAllPending(let operation):
            Self.clear(&self.nodes, operation)
            Self.clear(&self.devices, operation)
            Self.clear(&self.bricks, operation)
            Self.clear(&self.volumes, operation)
        case .deletePendingEntries(let operation):
            self.bricks.removeAll { $0.pending == operation }
            self.volumes.removeAll { $0.pending == operation }
            self.devices.removeAll { $0.pending == operation }
            self.nodes.removeAll { $0.pending == operation }
        case .insertOperation, .setOperationStatus, .appendJournal, .setJournalState, .hold, .releaseHolds:
            break
        }
    }

    private static func replace<Value>(_ entries: inout [Marked<Value>], _ value: Value, where matches: (Value) -> Bool) {
        guard let index = entries.firstIndex(where: { matches($0.value) }) else { return }
        entries[index].value = value
    }

    private static func clear<Value>(_ entries: inout [Marked<Value>], _ operation: OperationID) {
        for index in entries.indices where entries[index].pending == operation {
            entries[index].pending = nil
        }
    }

    private mutating func setMarker(of entry: StoreEntry, to operation: OperationID?) {
        switch entry {
        case .node(let id):
            if let index = self.nodes.firstIndex(where: { $0.value.id == id }) { self.nodes[index].pending = operation }
        case .device(let id):
            if let index = self.devices.firstIndex(where: { $0.value.id == id }) { self.devices[index].pending = operation }
        case .brick(let id):
            if let index = self.bricks.firstIndex(where: { $0.value.id == id }) { self.bricks[index].pending = operation }
        case .volume(let id):
            if let index = self.volumes.firstIndex(where: { $0.value.id == id }) { self.volumes[index].pending = operation }
        }
    }
}
