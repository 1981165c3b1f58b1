import Allocation
import Planning
import StorageModel
import StoreRecords
import Testing

/// The planners and the finalizer are pure: topology in, changes and actions out.
@Suite struct PlannerTests {
    let cluster = ClusterID(high: 0, low: 1)
    let operation = OperationID(high: 9, low: 9)

    func topology(nodes: Int = 3, deviceSize: ByteCount = .gibibytes(100)) -> Topology {
        var topology = Topology()
        topology.insert(Cluster(id: self.cluster))
        for index in 0..<nodes {
            let node = NodeID(high: 1, low: UInt64(index))
            topology.insert(
                Node(id: node, cluster: self.cluster, zone: index % 3 + 1, manageHostname: "n\(index)",
                     storageHostname: "10.0.0.\(index)"))
            topology.insert(Device(id: DeviceID(high: 2, low: UInt64(index)), node: node, name: "/dev/sdb", total: deviceSize))
        }
        return topology
    }

    @Test func createReservesPendingEntriesAndPlansHeketisSequence() throws {
        var generator = SeededGenerator(seed: 1)
        let planner = VolumeOperationPlanner(
            settings: EngineSettings(
                preRequestVolumeOptions: [VolumeOption(key: "performance.read-ahead", value: "off")],
                postRequestVolumeOptions: [VolumeOption(key: "cluster.quorum-type", value: "auto")],
                mountRoot: BrickLocation.heketiMountRoot))
        let spec = VolumeSpec(
            size: .gibibytes(10), durability: .replicate(3), options: [VolumeOption(key: "a.b", value: "c")])
        let volume = VolumeID(high: 5, low: 5)
        let planned = try planner.create(spec, id: volume, operation: self.operation, in: self.topology(), using: &generator)
        #expect(planned.location == "/volumes/\(volume)")
        #expect(planned.intent == .createVolume(volume))
        guard case .insertVolume(let stored, let pending) = planned.changes.first else {
            Issue.record("first change is not the volume")
            return
        }
        #expect(pending == self.operation)
        #expect(stored.name == "vol_\(volume)")
        #expect(stored.options.map(\.key) == ["performance.read-ahead", "a.b", "cluster.quorum-type"])
        let bricks = planned.changes.dropFirst().compactMap { change -> Brick? in
            if case .insertBrick(let brick, self.operation) = change { return brick }
            return nil
        }
        #expect(bricks.count == 3)
        for brick in bricks {
            #expect(brick.path == "/var/lib/heketi/mounts/vg_\(brick.device)/brick_\(brick.id)/brick")
        }
        #expect(planned.plan.actions.map(\.name) == [
            "create_brick", "create_brick", "create_brick", "create_volume", "set_options", "start_volume",
        ])
    }

    @Test func placementHintsFromOptionsAreValidated() {
        var generator = SeededGenerator(seed: 1)
        let planner = VolumeOperationPlanner(settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
        let spec = VolumeSpec(
            size: .gibibytes(1), durability: .replicate(3),
            options: [VolumeOption(key: "user.heketi.zone-checking", value: "sometimes")])
        #expect(throws: OperationError.invalid(
            ValidationError(field: "user.heketi.zone-checking", value: "sometimes", problem: .notOneOf(["none", "strict"])))
        ) {
            _ = try planner.create(spec, id: VolumeID(high: 1, low: 1), operation: self.operation, in: self.topology(), using: &generator)
        }
    }

    @Test func strictZoneCheckingFromOptionsRefusesTooFewZones() {
        var generator = SeededGenerator(seed: 1)
        var topology = self.topology(nodes: 3)
        // Move every node into zone 1.
        for node in topology.nodes.values {
            var moved = node
            moved.zone = 1
            topology.insert(moved)
        }
        let spec = VolumeSpec(
            size: .gibibytes(1), durability: .replicate(3),
            options: [VolumeOption(key: "user.heketi.zone-checking", value: "strict")])
        let planner = VolumeOperationPlanner(settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
        #expect(throws: OperationError.noSpace(.notEnoughZones(setSize: 3, available: 1))) {
            _ = try planner.create(spec, id: VolumeID(high: 1, low: 1), operation: self.operation, in: topology, using: &generator)
        }
    }

    @Test func nodesWithDevicesAndDevicesWithBricksCannotBeRemoved() {
        let planner = TopologyOperationPlanner(settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
        let node = NodeID(high: 1, low: 0)
        #expect(throws: OperationError.conflict("Unable to delete node [\(node)] because it contains devices")) {
            _ = try planner.removeNode(node, operation: self.operation, in: self.topology())
        }
    }

    @Test func duplicateHostnamesAreRefusedNamingTheNode() {
        let planner = TopologyOperationPlanner(settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
        let node = Node(id: NodeID(high: 7, low: 7), cluster: self.cluster, zone: 1, manageHostname: "new", storageHostname: "10.0.0.1")
        #expect(throws: OperationError.conflict("hostname \"10.0.0.1\" is already used by node \(NodeID(high: 1, low: 1))")) {
            _ = try planner.addNode(node, operation: self.operation, in: self.topology())
        }
    }

    @Test func aDeleteThatAlreadyRemovedStorageStaysHiddenOnFailure() {
        let plan = Plan(actions: [.stopVolume(volume: VolumeID(high: 1, low: 1)), .deleteVolume(volume: VolumeID(high: 1, low: 1))])
        let early = OperationFinalizer.failure(
            of: .deleteVolume(VolumeID(high: 1, low: 1)), operation: self.operation, plan: plan, ran: [0], in: Topology())
        #expect(early.changes == [.clearAllPending(of: self.operation)])
        let late = OperationFinalizer.failure(
            of: .deleteVolume(VolumeID(high: 1, low: 1)), operation: self.operation, plan: plan, ran: [0, 1], in: Topology())
        #expect(late.changes.isEmpty)
        #expect(late.undo.isEmpty)
    }
}
