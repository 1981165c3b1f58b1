import TestSupport
import DesiredState
import Planning
import Executor
import Operations
import ReconcilePlanning
import StorageModel
import Store
import Synchronization
import Testing

@testable import Controller

/// The applier over a real store and the mock executor.
@Suite(.timeLimit(.minutes(1))) struct ReconcileApplierTests {
    struct Fixture {
        let directory: TemporaryDirectory
        let store: SQLiteStore
        let executor: MockExecutor
        let engine: OperationEngine

        init(delay: Duration = .zero) throws {
            self.directory = try TemporaryDirectory()
            self.store = try SQLiteStore(path: self.directory.path("brickyard.db"))
            self.executor = MockExecutor(delay: delay)
            self.engine = OperationEngine(
                store: self.store, executor: self.executor,
                settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
        }

        func apply(_ desired: DesiredState) async throws -> (
            plan: ReconcilePlan, results: [ReconcileApplier.StepResult]
        ) {
            let plan = ReconcilePlanner().plan(desired, against: try await self.store.topology(includingPending: false))
            let heard = Mutex<[String]>([])
            let results = await ReconcileApplier(engine: self.engine).apply(plan) { result in
                heard.withLock { $0.append(result.step.target) }
            }
            // Every result was heard as it came.
            #expect(heard.withLock { $0 }.sorted() == results.map(\.step.target).sorted())
            return (plan, results)
        }

        func volumeNames() async throws -> [String] {
            try await self.store.topology(includingPending: false).volumes.values.map(\.name).sorted()
        }
    }

    static func desired(nodes: Int = 3, claims: [(String, Int64)]) -> DesiredState {
        DesiredState(
            clusters: [
                DesiredCluster(nodes: (1...nodes).map { KeyedPlanTests.node($0) }, location: KeyedPlanTests.here)
            ],
            claims: claims.map { name, gib in
                VolumeClaim(name: name, size: .gibibytes(gib), durability: .replicate(3), location: KeyedPlanTests.here)
            })
    }

    @Test func aVolumeThatCannotBeMadeDoesNotStopTheOthers() async throws {
        let fixture = try Fixture()
        let (plan, results) = try await fixture.apply(Self.desired(claims: [("a", 10), ("huge", 100_000), ("b", 5)]))
        #expect(results.count == plan.steps.count)
        #expect(results.filter { !$0.succeeded }.map(\.step.target) == ["huge"])
        #expect(results.last?.step.target == "huge")
        #expect(results.last?.message.contains("No space") == true)
        #expect(!results.allSatisfy { $0.succeeded })
        #expect(try await fixture.volumeNames() == ["a", "b"])
    }

    @Test func aFailedStepSkipsTheLaterStepsOfItsObjectOnly() async throws {
        let fixture = try Fixture()
        fixture.executor.failWhen { action in
            if case .probePeer = action { return "peer probe: failed: node unreachable" }
            return nil
        }
        let (plan, results) = try await fixture.apply(Self.desired(nodes: 3, claims: [("a", 1)]))
        #expect(results.count == plan.steps.count)
        // The cluster was made; its first node failed, so the rest of the cluster's steps were skipped, not
        // attempted; the volume, another object, was still tried (and found no space).
        #expect(results.filter(\.succeeded).map(\.step.action) == ["create_cluster"])
        let skipped = results.filter(\.skipped)
        #expect(skipped.map(\.step.action) == ["add_device", "add_device", "add_node", "add_device", "add_device", "add_node", "add_device", "add_device"])
        #expect(skipped.allSatisfy { $0.message == "skipped: an earlier step for cluster #1 failed" })
        // Successes, then skipped steps, then real failures: the last result says what went wrong.
        #expect(
            results.map { $0.succeeded ? 0 : $0.skipped ? 1 : 2 } == [0] + Array(repeating: 1, count: 8) + [2, 2])
        #expect(results.contains { $0.step.action == "add_node" && $0.message.contains("node unreachable") })
        #expect(results.contains { $0.step.action == "create_volume" && !$0.succeeded && !$0.skipped })
        #expect(!fixture.executor.snapshot.calls.contains { if case .setUpDevice = $0 { true } else { false } })
    }

    @Test func theNodesOfANewClusterJoinOneCluster() async throws {
        let fixture = try Fixture(delay: .milliseconds(5))
        let (plan, results) = try await fixture.apply(Self.desired(nodes: 6, claims: []))
        #expect(results.count == plan.steps.count && results.allSatisfy { $0.succeeded })
        let topology = try await fixture.store.topology(includingPending: false)
        #expect(topology.clusters.count == 1)
        #expect(topology.nodes.count == 6)
        #expect(Set(topology.nodes.values.map(\.cluster)) == Set(topology.clusters.keys))
        #expect(topology.devices.count == 12)
    }

    @Test func volumesStartOnlyOnceEveryNodeAndDeviceWasAttempted() async throws {
        let fixture = try Fixture(delay: .milliseconds(1))
        let (_, results) = try await fixture.apply(Self.desired(claims: [("a", 1), ("b", 1), ("c", 1)]))
        #expect(results.allSatisfy { $0.succeeded })
        let calls = fixture.executor.snapshot.calls
        let lastTopology = calls.lastIndex { action in
            switch action {
            case .probePeer, .setUpDevice: return true
            default: return false
            }
        }
        let firstVolume = calls.firstIndex { if case .createBrick = $0 { true } else { false } }
        #expect(lastTopology != nil && firstVolume != nil && lastTopology! < firstVolume!)
        #expect(try await fixture.volumeNames() == ["a", "b", "c"])
    }

    @Test func anEmptyPlanAppliesNothing() async throws {
        let fixture = try Fixture()
        let results = await ReconcileApplier(engine: fixture.engine).apply(ReconcilePlan()) { _ in }
        #expect(results.isEmpty)
    }
}
