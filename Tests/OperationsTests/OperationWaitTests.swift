import StoreRecords
import Operations
import StorageModel
import Store
import TestSupport
import Testing

/// `OperationEngine.wait(for:upTo:)`: woken by an operation's end, bounded by its timeout, refused at once when there
/// is nothing to wait for.
@Suite struct OperationWaitTests {
    /// A node addition held at the fixture's closed gate.
    private static func heldNodeAdd(_ fixture: EngineFixture) async throws -> (OperationID, NodeID) {
        fixture.gate.close()
        var generator = SystemRandomNumberGenerator()
        let node = Node(
            id: .random(using: &generator), cluster: fixture.cluster, zone: 1, manageHostname: "waited.example",
            storageHostname: "10.0.9.1")
        let operation = try await fixture.engine.addNode(node)
        let gate = fixture.gate
        #expect(await eventually { gate.waitingCount == 1 })
        return (operation, node.id)
    }

    @Test func manyWaitersAreWokenByTheEnd() async throws {
        let fixture = try await EngineFixture(nodes: 0)
        let (operation, node) = try await Self.heldNodeAdd(fixture)
        let engine = fixture.engine
        let outcomes = await withTaskGroup(of: OperationWaitOutcome.self) { group in
            for _ in 0..<100 {
                group.addTask { await engine.wait(for: operation, upTo: .seconds(30)) }
            }
            // The operation cannot end before the gate opens, so every waiter is woken by the end itself.
            #expect(await eventually { engine.waiterCount == 100 })
            fixture.gate.open()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes == Array(repeating: .ended(.succeeded, result: "/nodes/\(node)"), count: 100))
        #expect(engine.waiterCount == 0)
        #expect(try await fixture.store.operation(operation)?.status == .succeeded)
    }

    @Test func aWaitEndsWhenItsTimeRunsOut() async throws {
        let fixture = try await EngineFixture(nodes: 0)
        let (operation, _) = try await Self.heldNodeAdd(fixture)
        let started = ContinuousClock.now
        #expect(await fixture.engine.wait(for: operation, upTo: .milliseconds(100)) == .timedOut)
        #expect(ContinuousClock.now - started >= .milliseconds(100))
        fixture.gate.open()
        await fixture.engine.waitUntilIdle()
    }

    @Test func nothingIsWaitedForAnOperationNotRunningHere() async throws {
        let fixture = try await EngineFixture(nodes: 0)
        var generator = SystemRandomNumberGenerator()
        #expect(await fixture.engine.wait(for: .random(using: &generator), upTo: .seconds(30)) == .notWaited)
        let (operation, _) = try await Self.heldNodeAdd(fixture)
        fixture.gate.open()
        await fixture.engine.waitUntilIdle()
        #expect(await fixture.engine.wait(for: operation, upTo: .seconds(30)) == .notWaited)
    }

    @Test func releasedWaitersGoAtOnceAndLaterWaitsAreRefused() async throws {
        let fixture = try await EngineFixture(nodes: 0)
        let (operation, _) = try await Self.heldNodeAdd(fixture)
        let engine = fixture.engine
        let waiter = Task { await engine.wait(for: operation, upTo: .seconds(30)) }
        #expect(await eventually { engine.waiterCount == 1 })
        engine.releaseWaiters()
        #expect(await waiter.value == .notWaited)
        #expect(await engine.wait(for: operation, upTo: .seconds(30)) == .notWaited)
        fixture.gate.open()
        await engine.waitUntilIdle()
    }
}
