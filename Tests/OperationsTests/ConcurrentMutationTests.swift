import Planning
import Executor
import Operations
import StorageModel
import Store
import StoreRecords
import TestSupport
import Testing

/// Mutations of one object never interleave: while one operation holds a volume or a device, a second mutation of
/// it is refused as busy, and every invariant between the store and the nodes holds after every round.
@Suite struct ConcurrentMutationTests {
    /// A mutation of one volume, as a request the engine takes.
    enum Mutation: String, CaseIterable, CustomStringConvertible {
        case expand
        case delete

        var description: String { self.rawValue }

        func submit(_ volume: VolumeID, to engine: OperationEngine) async throws(OperationError) -> OperationID {
            switch self {
            case .expand: try await engine.expandVolume(volume, by: .gibibytes(2))
            case .delete: try await engine.deleteVolume(volume)
            }
        }
    }

    static let pairs: [(Mutation, Mutation)] = [(.expand, .delete), (.delete, .expand), (.expand, .expand), (.delete, .delete)]

    /// With the first operation held at the gate, the second is refused with the holder's id and type, and nothing
    /// of it is recorded.
    @Test(arguments: Self.pairs.indices)
    func aSecondMutationOfAHeldVolumeIsRefusedAsBusy(pair: Int) async throws {
        let (first, second) = Self.pairs[pair]
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 4))
        let operationsBefore = try await fixture.store.operations(status: nil).count
        fixture.gate.close()
        let holder = try await first.submit(volume, to: fixture.engine)
        let type: OperationType = first == .expand ? .volumeExpand : .volumeDelete
        await #expect(throws: OperationError.objectBusy(.volume(volume), operation: holder, type: type)) {
            _ = try await second.submit(volume, to: fixture.engine)
        }
        #expect(try await fixture.store.operations(status: nil).count == operationsBefore + 1)
        fixture.gate.open()
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(holder)?.status == .succeeded)
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
        let stored = try await fixture.store.topology(includingPending: true).volumes[volume]
        switch first {
        case .expand: #expect(stored?.size == .gibibytes(6))
        case .delete: #expect(stored == nil)
        }
    }

    @Test func theRefusalSaysWhichOperationHoldsTheVolume() {
        let volume = VolumeID(high: 1, low: 2)
        let operation = OperationID(high: 3, low: 4)
        let error = OperationError.objectBusy(.volume(volume), operation: operation, type: .volumeExpand)
        #expect(
            error.description
                == "volume \(volume) is busy with operation \(operation) (volume.expand); retry when it has finished")
    }

    /// Hundreds of rounds of two mutations of one volume, the second sent after the first has run 0 to 7 of its
    /// actions (so sometimes after it has finished): every round ends with the store and the nodes agreeing, the
    /// size equal to what the accepted expansions added, and the second refused exactly when the first still held
    /// the volume.
    @Test func mixedMutationRoundsKeepEveryInvariant() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 3, deviceSize: .gibibytes(400), maxInflight: 16)
        var generator = SeededGenerator(seed: 12)
        var refused = 0
        var accepted = 0
        for round in 0..<240 {
            let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 2))
            let (first, second) = Self.pairs[Int.random(in: 0..<Self.pairs.count, using: &generator)]
            fixture.gate.close()
            let holder = try await first.submit(volume, to: fixture.engine)
            fixture.gate.allow(Int.random(in: 0...7, using: &generator))
            // Some rounds send the second request only once the first has ended: it is then planned against the
            // state the first left.
            let sequential = Int.random(in: 0..<10, using: &generator) < 3
            if sequential {
                fixture.gate.open()
                await fixture.engine.wait(for: holder)
            }
            var expected: ByteCount? = first == .expand ? .gibibytes(4) : nil
            do {
                _ = try await second.submit(volume, to: fixture.engine)
                // Accepted only once the first operation had ended and released the volume.
                #expect(try await fixture.store.operation(holder)?.status.isFinished == true, "round \(round)")
                accepted += 1
                if expected != nil {
                    expected = second == .expand ? .gibibytes(6) : nil
                }
            } catch let error as OperationError {
                switch error {
                case .objectBusy(.volume(volume), holder, _) where !sequential:
                    refused += 1
                case .notFound(kind: "volume", _) where first == .delete:
                    // The delete had finished: the volume is gone.
                    accepted += 1
                default:
                    Issue.record("round \(round): \(first) then \(second): unexpected \(error)")
                }
            }
            fixture.gate.open()
            await fixture.engine.waitUntilIdle()
            let problems = try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot)
            #expect(problems == [], "round \(round): \(first) then \(second)")
            #expect(try await fixture.store.topology(includingPending: true).volumes[volume]?.size == expected, "round \(round)")
            if let _ = expected { _ = try await fixture.engine.deleteVolume(volume) }
            await fixture.engine.waitUntilIdle()
        }
        #expect(refused > 50 && accepted > 20, "refused \(refused), accepted \(accepted)")
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
    }

    /// Unrelated volumes are not serialized: holding one volume never refuses a mutation of another.
    @Test func mutationsOfDifferentVolumesRunTogether() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, a) = try await fixture.createVolume(fixture.volumeSpec(size: 4))
        let (_, b) = try await fixture.createVolume(fixture.volumeSpec(size: 4))
        fixture.gate.close()
        _ = try await fixture.engine.expandVolume(a, by: .gibibytes(2))
        _ = try await fixture.engine.deleteVolume(b)
        _ = try await fixture.engine.createVolume(fixture.volumeSpec(size: 1))
        fixture.gate.open()
        await fixture.engine.waitUntilIdle()
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
    }

    /// A device that a create is building on cannot change state meanwhile; once the create has finished it can be
    /// disabled and removed, and its bricks move.
    @Test func aDeviceACreateUsesIsBusyUntilTheCreateEnds() async throws {
        let fixture = try await EngineFixture(nodes: 4, devices: 2)
        fixture.gate.close()
        let (create, volume) = try await fixture.engine.createVolume(fixture.volumeSpec(size: 4))
        let topology = try await fixture.store.topology(includingPending: true)
        let created = try #require(topology.volumes[volume])
        let device = try #require(topology.bricks(of: created).first?.first?.device)
        await #expect(throws: OperationError.objectBusy(.device(device), operation: create, type: .volumeCreate)) {
            _ = try await fixture.engine.setState(.device(device), to: .offline)
        }
        fixture.gate.open()
        await fixture.engine.waitUntilIdle()
        _ = try await fixture.engine.setState(.device(device), to: .offline)
        await fixture.engine.waitUntilIdle()
        _ = try await fixture.engine.setState(.device(device), to: .failed)
        await fixture.engine.waitUntilIdle()
        let after = try await fixture.store.topology(includingPending: true)
        #expect(after.bricks(on: device).isEmpty)
        #expect(after.devices[device]?.state == .failed)
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
    }

    /// While a device's bricks are being moved off it, the volumes they belong to are held (an expansion waits its
    /// turn), and new volumes are placed elsewhere rather than refused.
    @Test func whileADeviceIsRemovedItsVolumesAreHeldAndNewVolumesGoElsewhere() async throws {
        let fixture = try await EngineFixture(nodes: 4, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 4))
        let topology = try await fixture.store.topology(includingPending: true)
        let created = try #require(topology.volumes[volume])
        let device = try #require(topology.bricks(of: created).first?.first?.device)
        _ = try await fixture.engine.setState(.device(device), to: .offline)
        await fixture.engine.waitUntilIdle()
        fixture.gate.close()
        let removal = try await fixture.engine.setState(.device(device), to: .failed)
        await #expect(throws: OperationError.objectBusy(.volume(volume), operation: removal, type: "device.state")) {
            _ = try await fixture.engine.expandVolume(volume, by: .gibibytes(1))
        }
        let (_, other) = try await fixture.engine.createVolume(fixture.volumeSpec(size: 1))
        let placed = try await fixture.store.topology(includingPending: true)
        #expect(placed.bricks.values.filter { $0.volume == other }.allSatisfy { $0.device != device })
        fixture.gate.open()
        await fixture.engine.waitUntilIdle()
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
    }

    /// Many clients at once on a few shared volumes, nothing gated: whatever is accepted or refused, the invariants
    /// hold once everything has ended.
    @Test func concurrentMixedMutationsFromManyClientsKeepEveryInvariant() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 3, deviceSize: .gibibytes(400), maxInflight: 64)
        for round in 0..<20 {
            var volumes: [VolumeID] = []
            for _ in 0..<3 { volumes.append(try await fixture.createVolume(fixture.volumeSpec(size: 2)).1) }
            let engine = fixture.engine
            let chosen = volumes
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<12 {
                    group.addTask {
                        let volume = chosen[client % chosen.count]
                        let mutation: Mutation = (client + round) % 4 == 0 ? .delete : .expand
                        _ = try? await mutation.submit(volume, to: engine)
                    }
                }
            }
            await fixture.engine.waitUntilIdle()
            #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [], "round \(round)")
            for volume in try await fixture.store.topology(includingPending: true).volumes.keys {
                _ = try await fixture.engine.deleteVolume(volume)
            }
            await fixture.engine.waitUntilIdle()
        }
    }

    /// A heal observed before an expansion never writes the old size back: while the expansion holds the volume the
    /// heal is refused as busy, and once it has ended the heal sets what the store wants now.
    @Test func aHealNeverRacesAnExpand() async throws {
        let fixture = try await EngineFixture(nodes: 3, devices: 2)
        let (_, volume) = try await fixture.createVolume(fixture.volumeSpec(size: 4))
        let observed = Action.setOptions(
            volume: volume, options: [VolumeOption(key: "user.brickyard.size", value: String(ByteCount.gibibytes(4).bytes))])
        fixture.gate.close()
        let expansion = try await fixture.engine.expandVolume(volume, by: .gibibytes(2))
        await #expect(throws: OperationError.objectBusy(.volume(volume), operation: expansion, type: .volumeExpand)) {
            _ = try await fixture.engine.heal(observed)
        }
        fixture.gate.open()
        await fixture.engine.waitUntilIdle()
        let heal = try await fixture.engine.heal(observed)
        await fixture.engine.waitUntilIdle()
        #expect(try await fixture.store.operation(heal)?.status == .succeeded)
        let sizes = fixture.executor.snapshot.calls.compactMap { call -> String? in
            guard case .setOptions(volume, let options) = call else { return nil }
            return options.first { $0.key == "user.brickyard.size" }?.value
        }
        #expect(sizes.last == String(ByteCount.gibibytes(6).bytes))
        #expect(try await StoreAudit.problems(store: fixture.store, nodes: fixture.executor.snapshot) == [])
        _ = try await fixture.engine.deleteVolume(volume)
        await fixture.engine.waitUntilIdle()
        await #expect(throws: OperationError.notFound(kind: "volume", id: volume.description)) {
            _ = try await fixture.engine.heal(.startVolume(volume: volume))
        }
    }
}
