import StorageModel
import Store
import StoreRecords
import Testing

/// What the database itself refuses, and that a refused batch leaves no trace.
@Suite struct SQLiteStoreConstraintTests {
    /// Each unique constraint, with the change that breaks it against `SampleCluster` and the expected error.
    enum Collision: CaseIterable, Sendable {
        case manageHostname, storageHostname, deviceNameOnNode, volumeNameInCluster, clusterID, brickID, operationID

        func change(_ sample: inout SampleCluster, in cluster: ClusterID) -> (StoreChange, field: String, value: String)
        {
            switch self {
            case .manageHostname:
                let node = Node(
                    id: .random(using: &sample.generator), cluster: cluster, zone: 1,
                    manageHostname: sample.nodes[0].manageHostname, storageHostname: "fresh.example")
                return (.insertNode(node), "node.hostnames.manage", "manage0.example")
            case .storageHostname:
                let node = Node(
                    id: .random(using: &sample.generator), cluster: cluster, zone: 1, manageHostname: "fresh.example",
                    storageHostname: sample.nodes[1].storageHostname)
                return (.insertNode(node), "node.hostnames.storage", "10.0.0.2")
            case .deviceNameOnNode:
                let device = Device(
                    id: .random(using: &sample.generator), node: sample.nodes[0].id, name: "/dev/vdb",
                    total: .gibibytes(1))
                return (.insertDevice(device), "device.name", "/dev/vdb")
            case .volumeNameInCluster:
                var volume = sample.volume
                volume.id = .random(using: &sample.generator)
                volume.brickSets = []
                return (.insertVolume(volume), "volume.name", "vol1")
            case .clusterID:
                return (.insertCluster(Cluster(id: sample.cluster.id)), "cluster.id", sample.cluster.id.description)
            case .brickID:
                var brick = sample.bricks[0]
                brick.reserved = .zero
                return (.insertBrick(brick), "brick.id", brick.id.description)
            case .operationID:
                let id = OperationID(high: 1, low: 1)
                return (
                    .insertOperation(
                        OperationRecord(id: id, type: .nodeAdd, intent: "{}", createdAt: .init(seconds: 1))),
                    "operation.id", id.description
                )
            }
        }
    }

    private func populated() async throws -> (SQLiteStore, SampleCluster) {
        let sample = SampleCluster()
        let store = try SQLiteStore(path: ":memory:")
        try await store.commit(
            sample.infrastructure + sample.volumeChanges()
                + [
                    .insertOperation(
                        OperationRecord(
                            id: OperationID(high: 1, low: 1), type: .nodeAdd, intent: "{}", createdAt: .init(seconds: 1)
                        ))
                ])
        return (store, sample)
    }

    @Test(arguments: Collision.allCases)
    func aCollisionIsAConflictNamingTheFieldAndTheBatchLeavesNoTrace(_ collision: Collision) async throws {
        var (store, sample) = try await self.populated()
        let before = try await store.dump()
        // The batch first adds a new cluster and a node in it, then collides.
        let cluster = Cluster(id: .random(using: &sample.generator))
        let node = Node(
            id: .random(using: &sample.generator), cluster: cluster.id, zone: 1, manageHostname: "first.example",
            storageHostname: "first-storage.example")
        let (change, field, value) = collision.change(&sample, in: cluster.id)
        await #expect(throws: StoreError.conflict(field: field, value: value)) {
            try await store.commit([.insertCluster(cluster), .insertNode(node), change])
        }
        let topology = try await store.topology()
        #expect(topology.clusters[cluster.id] == nil)
        #expect(topology.nodes[node.id] == nil)
        #expect(try await store.dump() == before)
    }

    @Test func namesOnlyCollideWithinTheirScope() async throws {
        var (store, sample) = try await self.populated()
        let other = Cluster(id: .random(using: &sample.generator))
        var volume = sample.volume
        volume.id = .random(using: &sample.generator)
        volume.cluster = other.id
        volume.brickSets = []
        let device = Device(
            id: .random(using: &sample.generator), node: sample.nodes[1].id, name: "/dev/vdc", total: .gibibytes(1))
        var sameName = device
        sameName.id = .random(using: &sample.generator)
        sameName.node = sample.nodes[2].id
        try await store.commit([
            .insertCluster(other), .insertVolume(volume), .insertDevice(device), .insertDevice(sameName),
        ])
        #expect(try await store.topology().volumes.count == 2)
    }

    @Test func deletingADeviceThatHoldsBricksIsRefused() async throws {
        let (store, sample) = try await self.populated()
        let device = sample.devices[0]
        await #expect(throws: StoreError.hasChildren(kind: "device", id: device.id.description, children: "bricks")) {
            try await store.commit(.deleteDevice(device.id))
        }
        await #expect(
            throws: StoreError.hasChildren(kind: "volume", id: sample.volume.id.description, children: "bricks")
        ) {
            try await store.commit(.deleteVolume(sample.volume.id))
        }
        await #expect(
            throws: StoreError.hasChildren(kind: "cluster", id: sample.cluster.id.description, children: "nodes")
        ) {
            try await store.commit(.deleteCluster(sample.cluster.id))
        }
        #expect(try await store.topology().devices[device.id] != nil)
        // Children first, then the parent, in one batch: accepted.
        try await store.commit(
            sample.bricks.map { .deleteBrick($0.id) } + [.deleteVolume(sample.volume.id), .deleteDevice(device.id)])
        let topology = try await store.topology()
        #expect(topology.devices[device.id] == nil)
        #expect(topology.devices.values.allSatisfy { $0.used == .zero })
    }

    @Test func aMissingParentOrTargetIsNotFound() async throws {
        var (store, sample) = try await self.populated()
        let ghostCluster = ClusterID(high: 7, low: 7)
        let node = Node(
            id: .random(using: &sample.generator), cluster: ghostCluster, zone: 1, manageHostname: "a.example",
            storageHostname: "b.example")
        await #expect(throws: StoreError.notFound(kind: "cluster", id: ghostCluster.description)) {
            try await store.commit(.insertNode(node))
        }
        var brick = sample.bricks[0]
        brick.id = .random(using: &sample.generator)
        brick.volume = VolumeID(high: 3, low: 3)
        brick.reserved = .zero
        await #expect(throws: StoreError.notFound(kind: "volume", id: brick.volume.description)) {
            try await store.commit(.insertBrick(brick))
        }
        let ghostOperation = OperationID(high: 5, low: 5)
        await #expect(throws: StoreError.notFound(kind: "operation", id: ghostOperation.description)) {
            try await store.commit(.markPending(.volume(sample.volume.id), ghostOperation))
        }
        await #expect(throws: StoreError.notFound(kind: "node", id: node.id.description)) {
            try await store.commit(.updateNode(node))
        }
        await #expect(throws: StoreError.notFound(kind: "brick", id: brick.id.description)) {
            try await store.commit(.deleteBrick(brick.id))
        }
    }

    @Test func aBrickThatDoesNotFitIsRefusedWithTheNumbers() async throws {
        var (store, sample) = try await self.populated()
        let device = sample.devices[0]
        var brick = sample.bricks[0]
        brick.id = .random(using: &sample.generator)
        brick.reserved = .gibibytes(90)
        await #expect(
            throws: StoreError.insufficientSpace(device: device.id, requested: .gibibytes(90), free: .gibibytes(89))
        ) {
            try await store.commit(.insertBrick(brick))
        }
        var grown = sample.bricks[0]
        grown.reserved = .gibibytes(101)
        await #expect(
            throws: StoreError.insufficientSpace(device: device.id, requested: .gibibytes(101), free: .gibibytes(100))
        ) {
            try await store.commit(.updateBrick(grown))
        }
        var shrunk = device
        shrunk.total = .gibibytes(5)
        await #expect(
            throws: StoreError.insufficientSpace(device: device.id, requested: .gibibytes(11), free: .gibibytes(5))
        ) {
            try await store.commit(.updateDevice(shrunk))
        }
        brick.reserved = .gibibytes(89)
        try await store.commit(.insertBrick(brick))
        #expect(try await store.topology().devices[device.id]?.free == .zero)
    }

    @Test func valuesOutsideTheSchemasRulesAreInvalid() async throws {
        var (store, sample) = try await self.populated()
        let node = Node(
            id: .random(using: &sample.generator), cluster: sample.cluster.id, zone: 0, manageHostname: "z.example",
            storageHostname: "z2.example")
        await #expect {
            try await store.commit(.insertNode(node))
        } throws: { error in
            guard case .invalidValue(let message)? = error as? StoreError else { return false }
            return message.contains("zone")
        }
    }

    @Test func updatesReplaceFieldsAndKeepDerivedUsage() async throws {
        let (store, sample) = try await self.populated()
        var node = sample.nodes[0]
        node.tags = ["rack": "moved"]
        node.state = .failed
        var device = sample.devices[0]
        device.total = .gibibytes(200)
        device.used = .tebibytes(9)  // ignored: derived from bricks
        var volume = sample.volume
        volume.size = .gibibytes(20)
        volume.options.append(VolumeOption(key: "user.heketi.id", value: "x"))
        try await store.commit([.updateNode(node), .updateDevice(device), .updateVolume(volume)])
        let topology = try await store.topology()
        #expect(topology.nodes[node.id] == node)
        #expect(topology.devices[device.id]?.total == .gibibytes(200))
        #expect(topology.devices[device.id]?.used == SampleCluster.brickReserve)
        #expect(topology.volumes[volume.id] == volume)
    }
}
