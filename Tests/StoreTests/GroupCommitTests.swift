import Dispatch
import StorageModel
import StoreRecords
import Synchronization
import TestSupport
import Testing

@testable import Store

/// Holds the store's thread, as a long fsync would, from when it is reached until `release()`.
private final class Stall: Sendable {
    private let reached = Mutex(false)
    private let semaphore = DispatchSemaphore(value: 0)

    var isReached: Bool { self.reached.withLock { $0 } }

    func hold() {
        self.reached.withLock { $0 = true }
        self.semaphore.wait()
    }

    func release() {
        self.semaphore.signal()
    }
}

extension SQLiteStore {
    /// Keeps the store's thread busy until the stall is released.
    fileprivate func stall(_ stall: Stall) {
        stall.hold()
    }

    fileprivate nonisolated var queuedWrites: Int { self.pendingWrites.withLock { $0.count } }
}

/// Writes that arrive while the store is busy share one transaction, and each still stands or falls on its own.
@Suite struct GroupCommitTests {
    /// `count` nodes for the sample's cluster, each a write of its own.
    private static func nodes(_ count: Int, in sample: inout SampleCluster) -> [Node] {
        (0..<count).map { index in
            Node(
                id: .random(using: &sample.generator), cluster: sample.cluster.id, zone: 1,
                manageHostname: "batched\(index).example", storageHostname: "10.1.0.\(index + 1)")
        }
    }

    @Test func writesQueuedWhileTheStoreIsBusyCommitTogetherAndARefusalStaysAlone() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("brickyard.db")
        var sample = SampleCluster()
        let nodes = Self.nodes(20, in: &sample)
        var clash = nodes[3]
        clash.id = .random(using: &sample.generator)  // the same hostnames as node 3: refused
        do {
            let store = try SQLiteStore(path: path)
            try await store.commit(sample.infrastructure)
            let before = await store.committedBatches
            let stall = Stall()
            let stalled = Task { await store.stall(stall) }
            #expect(await eventually { stall.isReached })
            let outcomes = try await withThrowingTaskGroup(of: (NodeID, Bool).self) { group in
                for node in nodes + [clash] {
                    group.addTask {
                        do {
                            try await store.commit(.insertNode(node))
                            return (node.id, true)
                        } catch {
                            return (node.id, false)
                        }
                    }
                }
                #expect(await eventually { store.queuedWrites == 21 }, "every write waits for the busy store")
                stall.release()
                return try await group.reduce(into: [NodeID: Bool]()) { $0[$1.0] = $1.1 }
            }
            await stalled.value
            #expect(outcomes[clash.id] == false)
            #expect(nodes.allSatisfy { outcomes[$0.id] == true })
            #expect(await store.committedBatches == before + 1, "one transaction for all 21 writes")
        }
        let reopened = try SQLiteStore(path: path)
        let stored = try await reopened.topology().nodes
        #expect(nodes.allSatisfy { stored[$0.id] != nil })
        #expect(stored[clash.id] == nil)
        #expect(stored.count == sample.nodes.count + nodes.count)
    }

    @Test func aPlanInABatchSeesTheWritesBeforeIt() async throws {
        let store = try SQLiteStore(path: ":memory:")
        var sample = SampleCluster()
        try await store.commit(sample.infrastructure)
        let node = Self.nodes(1, in: &sample)[0]
        let stall = Stall()
        let stalled = Task { await store.stall(stall) }
        #expect(await eventually { stall.isReached })
        let insert = Task { try await store.commit(.insertNode(node)) }
        #expect(await eventually { store.queuedWrites == 1 })
        let seen = Task {
            try await store.commit { view in ([], view.topology.nodes[node.id] != nil) }
        }
        #expect(await eventually { store.queuedWrites == 2 })
        stall.release()
        try await insert.value
        #expect(try await seen.value, "planned after the insert, in the same transaction")
        await stalled.value
    }

    @Test func pendingWritesScheduleOneDrainUntilTaken() {
        var pending = PendingWrites()
        let write = PendingWrite(perform: { _ in { _ in } }, refuse: { _ in })
        let first = pending.add(write)
        let second = pending.add(write)
        let taken = pending.takeAll()
        let afterTaking = pending.add(write)
        #expect(first && !second)
        #expect(taken.count == 2)
        #expect(afterTaking, "a write after the drain took the batch schedules the next one")
    }
}
