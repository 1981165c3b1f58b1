import StoreRecords
import TestSupport
import StorageModel
import Store
import Testing

/// Operations in phases: intent and pending entries recorded together, then finalized or rolled back.
@Suite struct SQLiteStoreOperationTests {
    struct CreateIntent: Codable, Equatable {
        var name: String
        var size: Int64
    }

    private let t0 = UnixTime(seconds: 1_700_000_000)
    private var t1: UnixTime { UnixTime(seconds: self.t0.seconds + 60) }

    /// The first commit of a volume create: operation, planned steps, pending volume and bricks.
    private func recordCreate(_ sample: SampleCluster, as operation: OperationID) throws -> [StoreChange] {
        let record = try OperationRecord(
            id: operation, type: .volumeCreate, encoding: CreateIntent(name: "vol1", size: 10), at: self.t0)
        let steps = sample.bricks.enumerated().map { index, brick in
            StoreChange.appendJournal(
                JournalEntry(
                    operation: operation, step: index, action: #"{"createBrick":"\#(brick.id)"}"#, updatedAt: self.t0))
        }
        return [.insertOperation(record)] + steps + sample.volumeChanges(pending: operation)
    }

    @Test func pendingEntriesAreVisibleOnlyWhenAskedFor() async throws {
        var sample = SampleCluster()
        let operation = sample.operationID()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure + (try self.recordCreate(sample, as: operation)))

        let complete = try await store.topology(includingPending: false)
        #expect(complete.volumes.isEmpty)
        #expect(complete.bricks.isEmpty)
        #expect(complete.devices.values.allSatisfy { $0.used == .zero })
        let everything = try await store.topology(includingPending: true)
        #expect(everything == sample.expectedTopology)
        let expected: [StoreEntry] = sample.bricks.map(\.id).sorted().map { .brick($0) } + [.volume(sample.volume.id)]
        #expect(try await store.pendingEntries(of: operation) == expected)
        #expect(try await store.pendingMarkers().count == 4)
    }

    @Test func aPendingNodeHidesItsDevicesToo() async throws {
        var sample = SampleCluster()
        let operation = sample.operationID()
        let store = try SQLiteStore(path: ":memory:")
        let node = Node(
            id: .random(using: &sample.generator), cluster: sample.cluster.id, zone: 1, manageHostname: "new.example",
            storageHostname: "new-storage.example")
        let device = Device(
            id: .random(using: &sample.generator), node: node.id, name: "/dev/vdz", total: .gibibytes(5))
        try await store.commit(
            sample.infrastructure + [
                .insertOperation(OperationRecord(id: operation, type: .nodeAdd, intent: "{}", createdAt: self.t0)),
                .insertNode(node, pending: operation), .insertDevice(device),
            ])
        let complete = try await store.topology(includingPending: false)
        #expect(complete.nodes[node.id] == nil)
        #expect(complete.devices[device.id] == nil)
        #expect(try await store.topology().devices[device.id] != nil)
    }

    @Test func anOperationRunsThroughItsLifecycle() async throws {
        var sample = SampleCluster()
        let operation = sample.operationID()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure + (try self.recordCreate(sample, as: operation)))
        let recorded = try #require(try await store.operation(operation))
        #expect(recorded.status == .pending)
        #expect(try recorded.decodeIntent(as: CreateIntent.self) == CreateIntent(name: "vol1", size: 10))
        #expect(try await store.journal(of: operation).map(\.state) == [.planned, .planned, .planned])

        try await store.commit(.setOperationStatus(operation, .running, at: self.t0))
        for step in 0..<3 {
            try await store.commit(.setJournalState(operation, step: step, .started, at: self.t0))
            try await store.commit(.setJournalState(operation, step: step, .done, at: self.t1))
        }
        #expect(try await store.unfinishedOperations().map(\.id) == [operation])

        // Finalize: clear the markers and record the result in one commit.
        let location = "/volumes/\(sample.volume.id)"
        try await store.commit([
            .clearAllPending(of: operation), .setOperationStatus(operation, .succeeded, result: location, at: self.t1),
        ])
        let finished = try #require(try await store.operation(operation))
        #expect(finished.status == .succeeded)
        #expect(finished.result == location)
        #expect(finished.createdAt == self.t0)
        #expect(finished.updatedAt == self.t1)
        #expect(finished.finishedAt == self.t1)
        #expect(try await store.journal(of: operation).allSatisfy { $0.state == .done && $0.updatedAt == self.t1 })
        #expect(try await store.unfinishedOperations().isEmpty)
        #expect(try await store.operations(status: .succeeded).map(\.id) == [operation])
        #expect(try await store.topology(includingPending: false) == sample.expectedTopology)

        // The result stays readable until pruned; pruning takes the journal with it.
        #expect(try await store.pruneFinishedOperations(olderThan: self.t1) == 0)
        #expect(try await store.pruneFinishedOperations(olderThan: UnixTime(seconds: self.t1.seconds + 1)) == 1)
        #expect(try await store.operation(operation) == nil)
        #expect(try await store.journal(of: operation).isEmpty)
    }

    @Test func aRolledBackCreateLeavesNoEntries() async throws {
        var sample = SampleCluster()
        let operation = sample.operationID()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure + (try self.recordCreate(sample, as: operation)))
        try await store.commit([
            .deletePendingEntries(of: operation),
            .setJournalState(operation, step: 0, .undone, detail: "lvcreate failed", at: self.t1),
            .setOperationStatus(operation, .failed, result: "no space on vg_1", at: self.t1),
        ])
        let topology = try await store.topology()
        #expect(topology.volumes.isEmpty)
        #expect(topology.bricks.isEmpty)
        #expect(topology.devices.values.allSatisfy { $0.used == .zero })
        #expect(try await store.operation(operation)?.result == "no space on vg_1")
        #expect(try await store.journal(of: operation).first?.detail == "lvcreate failed")
    }

    @Test func anOperationThatStillMarksEntriesIsNotPrunedAndBlocksNoOtherCreate() async throws {
        var sample = SampleCluster()
        let stuck = sample.operationID()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure + (try self.recordCreate(sample, as: stuck)))
        // Cleanup failed: the operation is finished but its entries are still marked.
        try await store.commit(.setOperationStatus(stuck, .failed, result: "cleanup failed", at: self.t0))
        #expect(try await store.pruneFinishedOperations(olderThan: UnixTime(seconds: .max)) == 0)

        let next = sample.operationID()
        let extra = sample.extraVolume(named: "next", on: sample.devices[0])
        try await store.commit([
            .insertOperation(OperationRecord(id: next, type: .volumeCreate, intent: "{}", createdAt: self.t1)),
            .insertVolume(extra.volume, pending: next), .insertBrick(extra.brick, pending: next),
            .clearAllPending(of: next), .setOperationStatus(next, .succeeded, at: self.t1),
        ])
        #expect(try await store.topology(includingPending: false).volumes.keys.sorted() == [extra.volume.id])
        // The stuck reservation still counts against the device.
        #expect(
            try await store.topology().devices[sample.devices[0].id]?.used == SampleCluster.brickReserve + .gibibytes(1)
        )
    }

    @Test func unfinishedOperationsSurviveACrash() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("brickyard.db")
        var sample = SampleCluster()
        let operation = sample.operationID()
        let finished = sample.operationID()
        do {
            let store = try SQLiteStore(path: path)
            try await store.commit(sample.infrastructure + (try self.recordCreate(sample, as: operation)))
            try await store.commit([
                .insertOperation(OperationRecord(id: finished, type: .deviceResync, intent: "{}", createdAt: self.t0)),
                .setOperationStatus(finished, .succeeded, at: self.t1),
            ])
            try await store.commit(.setJournalState(operation, step: 0, .started, at: self.t1))
            // The process dies here: no finalize, no rollback.
        }
        let reopened = try SQLiteStore(path: path)
        let unfinished = try await reopened.unfinishedOperations()
        #expect(unfinished.map(\.id) == [operation])
        #expect(unfinished.first?.type == .volumeCreate)
        #expect(try await reopened.journal(of: operation).map(\.state) == [.started, .planned, .planned])
        #expect(try await reopened.pendingEntries(of: operation).count == 4)
        #expect(try await reopened.operation(finished)?.status == .succeeded)
        #expect(try await reopened.operations(status: nil).count == 2)
    }

    @Test func markingAndClearingSingleEntries() async throws {
        var sample = SampleCluster()
        let delete = sample.operationID()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure + sample.volumeChanges())
        try await store.commit([
            .insertOperation(OperationRecord(id: delete, type: .volumeDelete, intent: "{}", createdAt: self.t0)),
            .markPending(.volume(sample.volume.id), delete),
        ])
        #expect(try await store.topology(includingPending: false).volumes.isEmpty)
        try await store.commit(.clearPending(.volume(sample.volume.id)))
        #expect(try await store.topology(includingPending: false).volumes.count == 1)
    }

    @Test func journalStepsAreUniquePerOperation() async throws {
        var sample = SampleCluster()
        let operation = sample.operationID()
        let store = try SQLiteStore(path: ":memory:")
        let entry = JournalEntry(operation: operation, step: 0, action: "{}", updatedAt: self.t0)
        try await store.commit([
            .insertOperation(OperationRecord(id: operation, type: .nodeAdd, intent: "{}", createdAt: self.t0)),
            .appendJournal(entry),
        ])
        await #expect(throws: StoreError.conflict(field: "journal.step", value: "\(operation)/0")) {
            try await store.commit(.appendJournal(entry))
        }
        await #expect(throws: StoreError.notFound(kind: "journal step", id: "\(operation)/4")) {
            try await store.commit(.setJournalState(operation, step: 4, .done, at: self.t0))
        }
    }
}
