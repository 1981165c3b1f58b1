import StorageModel
import StoreRecords

extension Topology {
    /// Applies a committed change to a topology that includes pending entries, as the tables now hold it.
    /// `pendingFor` lists the entries an operation marked before the batch, for `deletePendingEntries`.
    mutating func apply(_ change: StoreChange, pendingFor: (OperationID) -> [StoreEntry]) {
        switch change {
        case .insertCluster(let cluster), .updateCluster(let cluster): self.insert(cluster)
        case .deleteCluster(let id): self.removeCluster(id)
        case .insertNode(let node, _), .updateNode(let node): self.insert(node)
        case .deleteNode(let id): self.removeNode(id)
        case .insertDevice(let device, _):
            var stored = device
            stored.used = .zero
            self.insert(stored)
        case .updateDevice(let device):
            var stored = device
            stored.used = self.devices[device.id]?.used ?? .zero
            self.insert(stored)
        case .deleteDevice(let id): self.removeDevice(id)
        case .insertBrick(let brick, _), .updateBrick(let brick): self.insert(brick)
        case .deleteBrick(let id): self.removeBrick(id)
        case .insertVolume(let volume, _), .updateVolume(let volume): self.insert(volume)
        case .deleteVolume(let id): self.removeVolume(id)
        case .deletePendingEntries(let operation):
            for entry in pendingFor(operation) {
                switch entry {
                case .brick(let id): self.removeBrick(id)
                case .volume(let id): self.removeVolume(id)
                case .device(let id): self.removeDevice(id)
                case .node(let id): self.removeNode(id)
                }
            }
        case .markPending, .clearPending, .clearAllPending, .insertOperation, .setOperationStatus, .appendJournal,
            .setJournalState, .hold, .releaseHolds:
            break
        }
    }
}
