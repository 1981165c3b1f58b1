import TestSupport
import Executor
import Foundation
import NodeTransport
import StorageModel
import Store
import Testing

/// The crash matrix: for the create, expand and delete flows, `brickyard apply` is killed (SIGKILL) right after
/// action k takes effect on the (mock) nodes, for every k; the next `apply` must converge with nothing left
/// behind: no pending entry, no brick on the nodes the store does not account for, no volume lost.
@Suite(.serialized) struct FaultInjectionTests {
    enum Flow: String, CaseIterable {
        case create, expand, delete

        /// Actions the flow runs for one replica-3 claim: bricks, create, options, start / bricks, add-brick
        /// (after reading the volume), the new size, rebalance / stop, delete, bricks.
        var actions: Int {
            switch self {
            case .create: return 6
            case .expand: return 6
            case .delete: return 5
            }
        }
    }

    struct Run {
        let workspace: DesiredStateCommandTests.Workspace
        var mockState: String { self.workspace.directory.path("nodes.json") }

        func apply(crashAfter: Int? = nil, prune: Bool = false) async throws -> CommandResult {
            var environment = ProcessInfo.processInfo.environment
            environment["BRICKYARD_MOCK_STATE"] = self.mockState
            environment["BRICKYARD_CRASH_AFTER_ACTIONS"] = crashAfter.map(String.init)
            return try await ProcessRunner.run(
                [try ServerProcess.executable().path, "apply", "--executor", "mock", "--desired",
                 self.workspace.documents, "--db", self.workspace.database] + (prune ? ["--prune"] : []),
                environment: environment, timeout: .seconds(60))
        }
    }

    @Test(arguments: Flow.allCases)
    func everyCrashPointConverges(flow: Flow) async throws {
        for crashPoint in 1...flow.actions {
            let run = Run(workspace: try DesiredStateCommandTests.Workspace())
            // Before the flow: the topology, and for expand and delete the volume already there.
            if flow != .create {
                try run.workspace.write("app.yaml", DesiredStateCommandTests.claim("app", size: 2))
            }
            let setUp = try await run.apply()
            #expect(setUp.exitCode == 0, "\(setUp.stderr)")

            switch flow {
            case .create: try run.workspace.write("app.yaml", DesiredStateCommandTests.claim("app", size: 2))
            case .expand: try run.workspace.write("app.yaml", DesiredStateCommandTests.claim("app", size: 4))
            case .delete: try run.workspace.remove("app.yaml")
            }
            let crashed = try await run.apply(crashAfter: crashPoint, prune: true)
            #expect(crashed.exitCode == 128 + SIGKILL, "\(flow) crash point \(crashPoint): \(crashed.stdout)\(crashed.stderr)")

            let resumed = try await run.apply(prune: true)
            #expect(resumed.exitCode == 0, "\(flow) after crash point \(crashPoint): \(resumed.stdout)\(resumed.stderr)")
            try await Self.expectConverged(run, flow: flow, crashPoint: crashPoint)
        }
    }

    /// The store has nothing half done, the nodes hold exactly the store's bricks and volumes, and the volume is
    /// there with its claimed size (or gone, for delete).
    static func expectConverged(_ run: Run, flow: Flow, crashPoint: Int) async throws {
        let context = "\(flow) after crash point \(crashPoint)"
        let store = try SQLiteStore(path: run.workspace.database)
        #expect(try await store.pendingMarkers().isEmpty, "\(context): pending entries left")
        let topology = try await store.topology(includingPending: true)
        let nodes = try #require(MockExecutor.savedState(at: run.mockState))
        #expect(nodes.bricks == Set(topology.bricks.keys), "\(context): bricks on the nodes and in the store differ")
        #expect(nodes.volumes == Set(topology.volumes.keys), "\(context): volumes on the nodes and in the store differ")
        #expect(nodes.startedVolumes == Set(topology.volumes.keys), "\(context): a volume is not started")
        for device in topology.devices.values {
            let reserved = topology.bricks(on: device.id).reduce(ByteCount.zero) { $0 + $1.reserved }
            #expect(device.used == reserved, "\(context): device accounting")
        }
        let volumes = Array(topology.volumes.values)
        switch flow {
        case .create:
            #expect(volumes.map(\.name) == ["app"] && volumes.first?.size == .gibibytes(2), "\(context)")
        case .expand:
            #expect(volumes.map(\.name) == ["app"] && volumes.first?.size == .gibibytes(4), "\(context)")
            #expect(volumes.first?.brickSets.count == 2, "\(context)")
        case .delete:
            #expect(volumes.isEmpty, "\(context)")
        }
        let plan = try await run.workspace.brickyard(["plan", "--prune"])
        #expect(plan.exitCode == 0, "\(context): \(plan.stdout)")
    }
}
