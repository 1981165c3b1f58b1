public import Executor
public import StorageModel
public import Store
import StoreRecords

/// The invariants every mutation must keep, checked between a store and the mock's imaginary nodes once every
/// operation has ended: the store's own consistency check finds nothing, no entry is marked and no object held,
/// every stored brick and volume exists on the nodes and nothing more does, and each device's usage is the sum of
/// its bricks. Returns what is wrong, one line each; empty when everything holds.
public enum StoreAudit {
    public static func problems(store: any ClusterStore, nodes: MockExecutor.State) async throws -> [String] {
        var problems = try await store.check().map(\.description)
        let markers = try await store.pendingMarkers()
        problems += markers.map { "\($0.key) is still marked by \($0.value) with no operation running" }
        problems += try await store.holds().holds.map { "\($0.hold.entry) is still held by \($0.operation)" }
        let topology = try await store.topology(includingPending: true)
        let storedBricks = Set(topology.bricks.keys)
        for brick in storedBricks.subtracting(nodes.bricks).sorted() { problems.append("brick \(brick) is stored but not on the nodes") }
        for brick in nodes.bricks.subtracting(storedBricks).sorted() { problems.append("brick \(brick) is on the nodes but not stored") }
        let storedVolumes = Set(topology.volumes.keys)
        for volume in storedVolumes.subtracting(nodes.volumes).sorted() { problems.append("volume \(volume) is stored but not on the nodes") }
        for volume in nodes.volumes.subtracting(storedVolumes).sorted() { problems.append("volume \(volume) is on the nodes but not stored") }
        for device in topology.devices.values.sorted(by: { $0.id < $1.id }) {
            let sum = topology.bricks(on: device.id).reduce(ByteCount.zero) { $0 + $1.reserved }
            if sum != device.used { problems.append("device \(device.id) reports \(device.used) used; its bricks reserve \(sum)") }
        }
        let visible = try await store.topology(includingPending: false)
        if visible.volumes.count != topology.volumes.count {
            problems.append("\(topology.volumes.count - visible.volumes.count) volume(s) are stored but hidden from clients")
        }
        return problems
    }
}
