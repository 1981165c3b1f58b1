import Operations
import Planning
import StorageModel
import Store
import StoreRecords
import Testing

/// A closed gate (a replica that is not the leader) admits nothing: no operation, no edit, and the store is left as
/// it was; opened again, the same request goes through.
@Suite struct MutationGateTests {
    @Test func aClosedGateRefusesEveryMutationAndChangesNothing() async throws {
        let fixture = try await EngineFixture()
        let before = try await fixture.store.topology(includingPending: true)
        fixture.engine.gate.close(because: "lease lost")
        await #expect(throws: OperationError.mutationsClosed("lease lost")) {
            _ = try await fixture.engine.createVolume(fixture.volumeSpec(name: "data"))
        }
        await #expect(throws: OperationError.mutationsClosed("lease lost")) {
            try await fixture.engine.edit { _ throws(OperationError) in ([], ()) }
        }
        #expect(OperationError.mutationsClosed("lease lost").description.contains("retry on the leader"))
        #expect(try await fixture.store.topology(includingPending: true) == before)
        #expect(fixture.engine.inflightCount == 0)

        fixture.engine.gate.open()
        let (record, _) = try await fixture.createVolume(fixture.volumeSpec(name: "data"))
        #expect(record?.status == .succeeded)
    }
}
