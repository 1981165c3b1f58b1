import StorageModel
import Testing

@Suite struct IdentifierTests {
    @Test func parsesAndPrintsThirtyTwoLowercaseHexCharacters() throws {
        let text = "67e267ea403dfcdf80731165b300d1ca"
        let id = try VolumeID(parsing: text)
        #expect(id.description == text)
        #expect(id.high == 0x67e2_67ea_403d_fcdf)
        #expect(id.low == 0x8073_1165_b300_d1ca)
    }

    @Test(arguments: [
        "", "67e267ea403dfcdf80731165b300d1c", "67e267ea403dfcdf80731165b300d1caa",
        "67E267EA403DFCDF80731165B300D1CA", "67e267ea403dfcdf80731165b300d1cg", "../../../../etc/passwd0000000000",
    ])
    func refusesAnythingElse(text: String) {
        #expect(throws: ValidationError(field: "node", value: text, problem: .notAnIdentifier)) {
            try NodeID(parsing: text)
        }
    }

    @Test func randomIdentifiersRepeatForASeed() {
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        var other = SeededGenerator(seed: 43)
        let a = (0..<5).map { _ in BrickID.random(using: &first) }
        let b = (0..<5).map { _ in BrickID.random(using: &second) }
        let c = (0..<5).map { _ in BrickID.random(using: &other) }
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).count == 5)
    }

    @Test func codesAsAJSONString() throws {
        var generator = SeededGenerator(seed: 1)
        let id = ClusterID.random(using: &generator)
        let encoded = try JSONEncodingProbe.encode(id)
        #expect(encoded == "\"\(id)\"")
        #expect(try JSONEncodingProbe.decode(ClusterID.self, from: encoded) == id)
    }

    @Test func decodingRefusesABadIdentifier() {
        #expect(throws: ValidationError.self) { try JSONEncodingProbe.decode(DeviceID.self, from: "\"xyz\"") }
    }

    @Test func ordersLikeItsText() {
        let low = try! NodeID(parsing: "0000000000000000ffffffffffffffff")
        let high = try! NodeID(parsing: "00000000000000010000000000000000")
        #expect(low < high)
        #expect(low.description < high.description)
    }
}
