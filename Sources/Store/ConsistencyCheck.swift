import StorageModel
import StoreRecords

/// The store's internal consistency, checked from what it holds alone (no node is asked): markers and holds only
/// of unfinished operations, brick sets and bricks agreeing, sizes adding up. Pure.
///
/// Damage here would mean a bug or a crash the journal could not cover; `brickyard repair` clears it with the nodes'
/// help, and `GET /db/check` reports it.
struct ConsistencyCheck {
    var entries: StoredEntries
    var holds: HoldTable
    /// The status of every operation that a marker or a hold names (absent: the operation no longer exists).
    var statuses: [OperationID: OperationStatus]

    func problems() -> [ConsistencyProblem] {
        var problems: [ConsistencyProblem] = []
        func unfinished(_ operation: OperationID) -> Bool { self.statuses[operation].map { !$0.isFinished } ?? false }
        let markers = self.entries.pendingMarkers
        for (entry, operation) in markers.sorted(by: { $0.key.key < $1.key.key }) where !unfinished(operation) {
            problems.append(.orphanMarker(entry, operation: operation, status: self.statuses[operation]))
        }
        for recorded in self.holds.holds where !unfinished(recorded.operation) {
            problems.append(.orphanHold(recorded.hold.entry, operation: recorded.operation, status: self.statuses[recorded.operation]))
        }
        let topology = self.entries.topology(includingPending: true)
        for volume in topology.volumes.values.sorted(by: { $0.id < $1.id }) {
            problems += self.problems(of: volume, in: topology, markers: markers)
        }
        for brick in topology.bricks.values.sorted(by: { $0.id < $1.id }) {
            if let device = topology.devices[brick.device], device.node != brick.node {
                problems.append(.brickOnWrongNode(brick.id, device: device.id, node: brick.node))
            }
        }
        for device in topology.devices.values.sorted(by: { $0.id < $1.id }) where device.used > device.total {
            problems.append(.deviceOvercommitted(device.id, used: device.used, total: device.total))
        }
        return problems
    }

    private func problems(of volume: Volume, in topology: Topology, markers: [StoreEntry: OperationID])
        -> [ConsistencyProblem]
    {
        var problems: [ConsistencyProblem] = []
        let listed = Set(volume.brickSets.joined())
        for brick in volume.brickSets.joined() where topology.bricks[brick] == nil {
            problems.append(.missingBrick(volume: volume.id, brick: brick))
        }
        for brick in topology.bricks.values where brick.volume == volume.id && !listed.contains(brick.id) {
            // An expansion or a brick move adds bricks before the sets list them: fine while it runs, and a mark left
            // by a finished one is reported as such already.
            if markers[.brick(brick.id)] != nil { continue }
            problems.append(.strayBrick(brick.id, volume: volume.id))
        }
        let expected = volume.durability.setSize
        for (index, set) in volume.brickSets.enumerated() where set.count != expected {
            problems.append(.wrongSetSize(volume: volume.id, set: index, bricks: set.count, expected: expected))
        }
        // Brick sizes are rounded up to whole extents, so the sets may hold a little more than the volume's size.
        let capacity = topology.bricks(of: volume).reduce(ByteCount.zero) { total, set in
            let data = set.first { $0.role == .data }?.size ?? .zero
            return total + ByteCount(bytes: data.bytes * Int64(volume.durability.dataFragments))
        }
        let slack = ByteCount.mebibytes(4 * Int64(expected * max(volume.brickSets.count, 1)))
        if !volume.brickSets.isEmpty, capacity < volume.size || capacity > volume.size + slack {
            problems.append(
                .sizeMismatch(volume: volume.id, recorded: volume.size, sets: volume.brickSets.count, capacity: capacity))
        }
        return problems
    }
}
