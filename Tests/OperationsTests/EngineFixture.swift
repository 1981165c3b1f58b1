import Planning
import Executor
import Operations
import StorageModel
import Store
import StoreRecords
import TestSupport

/// An engine over a fresh SQLite file and the mock executor, with a cluster of `nodes` nodes (zones 1, 2, 3, ...)
/// of `devices` devices each, added through the engine itself.
struct EngineFixture {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let executor: MockExecutor
    /// The mock behind a gate the engine's actions pass; open unless a test closes it.
    let gate: GatedExecutor
    let engine: OperationEngine
    let cluster: ClusterID

    init(
        nodes: Int = 3, devices: Int = 1, deviceSize: ByteCount = .gibibytes(100), maxInflight: Int = 8,
        delay: Duration = .zero, mountRoot: String = BrickLocation.heketiMountRoot
    ) async throws {
        self.directory = try TemporaryDirectory()
        self.store = try SQLiteStore(path: self.directory.path("brickyard.db"))
        self.executor = MockExecutor(deviceSize: deviceSize, delay: delay)
        self.gate = GatedExecutor(mock: self.executor)
        self.engine = OperationEngine(
            store: self.store, executor: self.gate, settings: EngineSettings(maxInflightOperations: maxInflight, mountRoot: mountRoot))
        var generator = SystemRandomNumberGenerator()
        let cluster = Cluster(id: .random(using: &generator))
        self.cluster = cluster.id
        try await self.engine.edit { _ throws(OperationError) in ([.insertCluster(cluster)], ()) }
        for index in 0..<nodes {
            let node = Node(
                id: .random(using: &generator), cluster: cluster.id, zone: index % 3 + 1,
                manageHostname: "node\(index).example", storageHostname: "10.0.0.\(index + 1)")
            _ = try await self.engine.addNode(node)
            await self.engine.waitUntilIdle()
            for deviceIndex in 0..<devices {
                let device = Device(
                    id: .random(using: &generator), node: node.id, name: "/dev/sd\(deviceIndex)", total: .zero)
                _ = try await self.engine.addDevice(device, destroyData: false)
                await self.engine.waitUntilIdle()
            }
        }
    }

    func volumeSpec(size: Int64 = 10, name: String? = nil) -> VolumeSpec {
        VolumeSpec(name: name, size: .gibibytes(size), durability: .replicate(3))
    }

    /// Creates a volume and waits for the operation to end; returns the operation's record.
    func createVolume(_ spec: VolumeSpec) async throws -> (OperationRecord?, VolumeID) {
        let (operation, volume) = try await self.engine.createVolume(spec)
        await self.engine.waitUntilIdle()
        return (try await self.store.operation(operation), volume)
    }
}
