import StorageModel
import Testing

@Suite struct DurabilityTests {
    @Test(arguments: [2, 3])
    func acceptsReplicaTwoAndThree(replica: Int) throws {
        #expect(try Durability.replicate(validating: replica) == .replicate(replica))
    }

    @Test func refusesReplicaAboveThree() {
        #expect(
            throws: ValidationError(field: "durability.replicate.replica", value: "4", problem: .aboveMaximum("3"))
        ) { try Durability.replicate(validating: 4) }
    }

    @Test(arguments: [-1, 0, 1])
    func refusesReplicaBelowTwo(replica: Int) {
        #expect(throws: ValidationError.self) { try Durability.replicate(validating: replica) }
    }

    @Test(arguments: [(2, 1), (4, 2), (8, 3), (8, 4)])
    func acceptsHeketisDisperseShapes(data: Int, redundancy: Int) throws {
        let durability = try Durability.disperse(validatingData: data, redundancy: redundancy)
        #expect(durability.setSize == data + redundancy)
        #expect(durability.dataFragments == data)
    }

    @Test(arguments: [(2, 2), (4, 1), (8, 2), (3, 1), (0, 0), (16, 4)])
    func refusesOtherDisperseShapes(data: Int, redundancy: Int) {
        #expect(throws: ValidationError.self) { try Durability.disperse(validatingData: data, redundancy: redundancy) }
    }

    @Test func describesSetShapes() {
        #expect(Durability.distribute.setSize == 1)
        #expect(Durability.arbiter.setSize == 3)
        #expect(Durability.arbiter.arbiterIndex == 2)
        #expect(Durability.replicate(3).arbiterIndex == nil)
        #expect(Durability.arbiter.typeName == "replicate")
        #expect(Durability.distribute.typeName == "none")
        #expect(Durability.disperse(data: 4, redundancy: 2).description == "disperse 4+2")
    }

    @Test(arguments: [Durability.distribute, .replicate(2), .arbiter, .disperse(data: 8, redundancy: 3)])
    func roundTripsThroughJSON(durability: Durability) throws {
        let text = try JSONEncodingProbe.encode(durability)
        #expect(try JSONEncodingProbe.decode(Durability.self, from: text) == durability)
    }

    @Test func decodingValidatesTheShape() {
        #expect(throws: ValidationError.self) {
            try JSONEncodingProbe.decode(Durability.self, from: #"{"type":"replicate","replica":5}"#)
        }
        #expect(throws: ValidationError.self) {
            try JSONEncodingProbe.decode(Durability.self, from: #"{"type":"mirror"}"#)
        }
    }

    @Test(arguments: [1.0, 1.5, 100.0])
    func acceptsSnapshotFactorsInRange(factor: Double) throws {
        #expect(try SnapshotSettings(enabled: true, factor: factor).effectiveFactor == factor)
        #expect(try SnapshotSettings(enabled: false, factor: factor).effectiveFactor == 1)
    }

    @Test(arguments: [0.99, 0, -1, 100.01, Double.nan, Double.infinity])
    func refusesSnapshotFactorsOutOfRange(factor: Double) {
        #expect(throws: ValidationError.self) { try SnapshotSettings(enabled: true, factor: factor) }
    }
}
