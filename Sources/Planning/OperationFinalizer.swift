public import StorageModel
public import StoreRecords

/// The store changes that end an operation, computed from its intent and the current topology. Pure.
///
/// Success makes reserved entries visible (or removes the ones a deletion hid); failure drops what a creation
/// reserved, or restores what a removal hid while nothing irreversible has happened yet.
public enum OperationFinalizer {
    public static func success(of intent: Intent, operation: OperationID, in topology: Topology) -> [StoreChange] {
        switch intent {
        case .createVolume, .addNode, .addDevice:
            return [.clearAllPending(of: operation)]
        case .expandVolume(let id, let size, let sets):
            guard var volume = topology.volumes[id] else { return [.clearAllPending(of: operation)] }
            volume.size = size
            volume.brickSets += sets
            return [.updateVolume(volume), .clearAllPending(of: operation)]
        case .updateVolume(let id, let update):
            guard let volume = topology.volumes[id] else { return [] }
            return [.updateVolume(update.applied(to: volume))]
        case .deleteVolume, .removeNode, .removeDevice, .repairStore:
            return [.deletePendingEntries(of: operation)]
        case .resyncDevice, .heal:
            return []
        case .setState(let target, let state, let replacements):
            return self.applying(replacements, in: topology) + [.clearAllPending(of: operation)]
                + self.stateChange(target, state, in: topology)
        }
    }

    /// After a failure at or before step `failedStep` with the steps in `ran` having started: what to undo on the
    /// nodes, and the store changes once the undo succeeded.
    public static func failure(
        of intent: Intent, operation: OperationID, plan: Plan, ran: Set<Int>, in topology: Topology
    ) -> (undo: [(step: Int, action: Action)], changes: [StoreChange]) {
        switch intent {
        case .expandVolume where ExpansionCommitment.isCommitted(intent, plan: plan, ran: ran):
            // Nothing is undone: the new bricks stay reserved (hidden) rather than destroyed; the result says so.
            return ([], [])
        case .createVolume, .expandVolume, .addNode, .addDevice:
            return (self.undo(plan, ran: ran), [.deletePendingEntries(of: operation)])
        case .deleteVolume, .removeNode, .removeDevice:
            let irreversible = plan.actions.indices.contains { step in
                guard ran.contains(step) else { return false }
                switch plan.actions[step] {
                case .deleteVolume, .destroyBrick, .detachPeer, .tearDownDevice: return true
                default: return false
                }
            }
            // Once storage is gone, showing the object again would lie; it stays hidden, its space reserved.
            return ([], irreversible ? [] : [.clearAllPending(of: operation)])
        case .updateVolume:
            // The store keeps the volume as it was: an update lands in it whole or not at all. Steps that ran stay
            // done on the nodes (nothing can undo a reset); the drift heal puts back a stored option whose value
            // they changed, and the update asked again does the rest.
            return ([], [])
        case .resyncDevice, .repairStore, .heal:
            // A repair that failed leaves its entries marked by itself, a finished operation: the check reports them
            // again, and the next repair takes them up.
            return ([], [])
        case .setState(_, _, let replacements):
            // A replacement whose replace-brick ran is in the volume now and stays; the others are undone.
            var swapped: [BrickReplacement] = []
            var undo: [(step: Int, action: Action)] = []
            for (index, replacement) in replacements.enumerated() {
                let create = 3 * index
                if ran.contains(create + 1) {
                    swapped.append(replacement)
                } else if ran.contains(create) {
                    undo.append((create, .destroyBrick(brick: replacement.new)))
                }
            }
            let kept = Set(swapped.map(\.new))
            var changes = self.applying(swapped, in: topology)
            changes += kept.sorted().map { StoreChange.clearPending(.brick($0)) }
            changes.append(.deletePendingEntries(of: operation))
            return (undo.reversed(), changes)
        }
    }

    /// Undo actions for every step that started, newest first.
    static func undo(_ plan: Plan, ran: Set<Int>) -> [(step: Int, action: Action)] {
        plan.actions.indices.reversed().compactMap { step in
            guard ran.contains(step), let undo = plan.actions[step].undo else { return nil }
            return (step, undo)
        }
    }

    /// Swaps new bricks into their volumes' sets and deletes the old ones.
    static func applying(_ replacements: [BrickReplacement], in topology: Topology) -> [StoreChange] {
        guard !replacements.isEmpty else { return [] }
        let newFor = Dictionary(replacements.map { ($0.old, $0.new) }, uniquingKeysWith: { first, _ in first })
        var volumes: [VolumeID: Volume] = [:]
        for replacement in replacements {
            guard let old = topology.bricks[replacement.old],
                var volume = volumes[old.volume] ?? topology.volumes[old.volume]
            else { continue }
            volume.brickSets = volume.brickSets.map { set in set.map { newFor[$0] ?? $0 } }
            volumes[volume.id] = volume
        }
        return volumes.keys.sorted().compactMap { volumes[$0].map(StoreChange.updateVolume) }
            + replacements.map { StoreChange.deleteBrick($0.old) }
    }

    static func stateChange(_ target: StateTarget, _ state: OperationalState, in topology: Topology) -> [StoreChange] {
        switch target {
        case .node(let id):
            guard var node = topology.nodes[id] else { return [] }
            node.state = state
            // A removed node's devices are removed with it, as Heketi does: none of them takes bricks again.
            let devices: [StoreChange] =
                state == .failed
                ? topology.devices(on: id).filter { $0.state != .failed }.map { device in
                    var failed = device
                    failed.state = .failed
                    return StoreChange.updateDevice(failed)
                } : []
            return [.updateNode(node)] + devices
        case .device(let id):
            guard var device = topology.devices[id] else { return [] }
            device.state = state
            return [.updateDevice(device)]
        }
    }
}
