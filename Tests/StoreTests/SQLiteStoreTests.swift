import StoreRecords
import TestSupport
import Foundation
import StorageModel
import Testing

@testable import Store

extension SQLiteStore {
    /// Runs on the store's executor, like every method of the actor.
    fileprivate func runsOnItsOwnThread() -> Bool {
        self.isOnOwnThread
    }
}

@Suite struct SQLiteStoreTests {
    @Test func storeWorkRunsOnItsOwnThreadOffTheCooperativePool() async throws {
        let store = try SQLiteStore(path: ":memory:")
        #expect(await store.runsOnItsOwnThread())
    }

    @Test func reopeningAFileKeepsTheWholeTopology() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("brickyard.db")
        let sample = SampleCluster()
        do {
            let store = try SQLiteStore(path: path)
            try await store.commit(sample.infrastructure + sample.volumeChanges())
        }
        let reopened = try SQLiteStore(path: path)
        let topology = try await reopened.topology()
        #expect(topology == sample.expectedTopology)
        for device in sample.devices {
            let used = topology.bricks(on: device.id).reduce(ByteCount.zero) { $0 + $1.reserved }
            #expect(topology.devices[device.id]?.used == used)
            #expect(used == SampleCluster.brickReserve)
        }
        #expect(topology.volumes[sample.volume.id] == sample.volume)
    }

    @Test func fileDatabasesUseWriteAheadLogging() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("brickyard.db")
        let store = try SQLiteStore(path: path)
        try await store.commit(SampleCluster().infrastructure)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try await store.topology().nodes.count == 3)
    }

    @Test func aNewDatabaseIsMigratedToTheLatestVersion() throws {
        let directory = try TemporaryDirectory()
        let database = try StoreDatabase.open(path: directory.path("brickyard.db"))
        #expect(try database.userVersion() == StoreSchema.latestVersion)
    }

    @Test func laterMigrationsAreAppliedInOrderOnReopen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("brickyard.db")
        _ = try StoreDatabase.open(path: path)
        let extended =
            StoreSchema.migrations + [
                StoreSchema.Migration(summary: "test table", sql: "CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT")
            ]
        let database = try StoreDatabase.open(path: path, migrations: extended)
        #expect(try database.userVersion() == extended.count)
        try database.execute("INSERT INTO extra (id) VALUES (1)")
    }

    @Test func aDatabaseFromTheFutureIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("brickyard.db")
        do {
            let database = try StoreDatabase.open(path: path)
            try database.execute("PRAGMA user_version = 999")
        }
        #expect(throws: StoreError.schemaTooNew(found: 999, supported: StoreSchema.latestVersion)) {
            try SQLiteStore(path: path)
        }
    }

    @Test func backupProducesADatabaseThatOpensWithTheSameData() async throws {
        let directory = try TemporaryDirectory()
        var sample = SampleCluster()
        let store = try SQLiteStore(path: directory.path("live.db"))
        try await store.commit(sample.infrastructure + sample.volumeChanges())
        let copy = directory.path("copy.db")
        try await store.backup(to: copy)
        // A write after the backup does not reach the copy.
        let later = sample.extraVolume(named: "later", on: sample.devices[0])
        try await store.commit([.insertVolume(later.volume), .insertBrick(later.brick)])

        let restored = try SQLiteStore(path: copy)
        #expect(try await restored.topology() == sample.expectedTopology)
    }

    @Test func backupOfAnInMemoryStoreWorksToo() async throws {
        let directory = try TemporaryDirectory()
        let sample = SampleCluster()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure)
        try await store.backup(to: directory.path("copy.db"))
        #expect(try await SQLiteStore(path: directory.path("copy.db")).topology().devices.count == 3)
    }

    @Test func dumpIsSortedJSONWithEveryIDAndMarker() async throws {
        var sample = SampleCluster()
        let operation = sample.operationID()
        let store = try SQLiteStore(path: ":memory:")
        let record = OperationRecord(
            id: operation, type: .volumeCreate, intent: #"{"name":"vol1"}"#, createdAt: .init(seconds: 10))
        try await store.commit(
            [.insertOperation(record)] + sample.infrastructure + sample.volumeChanges(pending: operation)
                + [
                    .appendJournal(
                        JournalEntry(
                            operation: operation, step: 0, action: #"{"lvcreate":1}"#, updatedAt: .init(seconds: 10)))
                ])
        let bytes = try await store.dump()
        let text = String(decoding: bytes, as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "schemaVersion", "clusters", "nodes", "devices", "bricks", "volumes", "operations", "journal",
            ])
        #expect(object["schemaVersion"] as? Int == StoreSchema.latestVersion)
        let ids =
            [sample.cluster.id.description, sample.volume.id.description, operation.description]
            + sample.nodes.map(\.id.description) + sample.devices.map(\.id.description)
            + sample.bricks.map(\.id.description)
        for id in ids {
            #expect(text.contains(id))
        }
        let volumes = try #require(object["volumes"] as? [[String: Any]])
        #expect(volumes.first?["pending"] as? String == operation.description)
        #expect(volumes.first?["name"] as? String == "vol1")
        let devices = try #require(object["devices"] as? [[String: Any]])
        #expect(devices.allSatisfy { $0["used"] as? Int64 == SampleCluster.brickReserve.bytes })
        #expect(text.contains("\"/dev/vdb\""))
        // Stable: the same data dumps to the same bytes.
        #expect(try await store.dump() == bytes)
    }

    @Test func concurrentCommitsAllLand() async throws {
        var sample = SampleCluster()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure)
        let extras = (0..<50).map { index in
            sample.extraVolume(named: "concurrent\(index)", on: sample.devices[index % 3])
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for extra in extras {
                group.addTask {
                    try await store.commit([.insertVolume(extra.volume), .insertBrick(extra.brick)])
                }
            }
            try await group.waitForAll()
        }
        let topology = try await store.topology()
        #expect(topology.volumes.count == 50)
        #expect(topology.bricks.count == 50)
        let used = topology.devices.values.reduce(ByteCount.zero) { $0 + $1.used }
        #expect(used == .gibibytes(50))
    }

    @Test func plannedCommitsNeverOverCommitUnderConcurrency() async throws {
        var sample = SampleCluster()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure)
        let brickSize = ByteCount.gibibytes(10)
        // 3 devices of 100 GiB hold 30 bricks of 10 GiB; 45 requests race for them.
        let requests = (0..<45).map { index in
            sample.extraVolume(named: "race\(index)", on: sample.devices[0], reserved: brickSize)
        }
        let placed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for request in requests {
                group.addTask {
                    try await store.commit { view in
                        let device = view.topology.devices.values.sorted { $0.id < $1.id }.first { $0.free >= brickSize }
                        guard let device else { return (changes: [], value: false) }
                        var brick = request.brick
                        brick.device = device.id
                        brick.node = device.node
                        return (changes: [.insertVolume(request.volume), .insertBrick(brick)], value: true)
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(placed == 30)
        let topology = try await store.topology()
        #expect(topology.bricks.count == 30)
        #expect(topology.devices.values.allSatisfy { $0.used <= $0.total })
    }

    @Test func theDatabaseRefusesOverCommitFromStaleSnapshots() async throws {
        var sample = SampleCluster()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(sample.infrastructure)
        let device = sample.devices[0]
        // Every task saw the empty device and placed 30 GiB on it; only three fit in 100 GiB.
        let requests = (0..<8).map { sample.extraVolume(named: "stale\($0)", on: device, reserved: .gibibytes(30)) }
        let outcomes = await withTaskGroup(of: StoreError?.self) { group in
            for request in requests {
                group.addTask {
                    do throws(StoreError) {
                        try await store.commit([.insertVolume(request.volume), .insertBrick(request.brick)])
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: [StoreError?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 3)
        for case .some(let error) in outcomes {
            #expect(error == .insufficientSpace(device: device.id, requested: .gibibytes(30), free: .gibibytes(10)))
        }
        let topology = try await store.topology()
        #expect(topology.devices[device.id]?.used == .gibibytes(90))
        // The refused batches left nothing behind, not even their volumes.
        #expect(topology.volumes.count == 3)
    }
}
