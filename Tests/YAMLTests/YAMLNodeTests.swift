import Foundation
import Testing
import YAML

@Suite struct YAMLNodeTests {
    struct Volume: Decodable, Equatable {
        var name: String
        var replica: Int
        var ratio: Double
        var arbiter: Bool
        var zone: String
        var tags: [String]
        var snapshot: String?
    }

    @Test func yamlDecodesThroughJSONDecoder() throws {
        let node = try YAMLParser.parseDocument(
            """
            name: vol1
            replica: 0x3
            ratio: .5
            arbiter: false
            zone: "1"
            tags: [fast, "yes"]
            snapshot: null
            """)
        let volume = try JSONDecoder().decode(Volume.self, from: node.jsonData())
        #expect(
            volume
                == Volume(
                    name: "vol1", replica: 3, ratio: 0.5, arbiter: false, zone: "1", tags: ["fast", "yes"],
                    snapshot: nil))
    }

    @Test func jsonTextIsCompactAndEscaped() throws {
        let node = try YAMLParser.parseDocument("a: \"x\\\"y\\n\\u0001\"\nb: [1, -2.5e3, ~]\n")
        #expect(String(decoding: try node.jsonData(), as: UTF8.self) == #"{"a":"x\"y\n\u0001","b":[1,-2500.0,null]}"#)
    }

    @Test func infinityHasNoJSONFormAndReportsItsMark() throws {
        let node = try YAMLParser.parseDocument("a:\n  b: .inf\n")
        do {
            _ = try node.jsonData()
            Issue.record("infinity converted to JSON")
        } catch {
            #expect(error.mark == YAMLMark(line: 2, column: 6))
        }
    }

    @Test func jsonBooleansNumbersAndStringsKeepTheirTypes() throws {
        let json = #"{"t": true, "f": false, "one": 1, "zero": 0, "half": 0.5, "s": "1", "n": null, "l": [true, 2]}"#
        let node = try YAMLNode(json: Data(json.utf8))
        #expect(node["t"]?.bool == true)
        #expect(node["f"]?.bool == false)
        #expect(node["one"]?.int == 1)
        #expect(node["one"]?.bool == nil)
        #expect(node["zero"]?.int == 0)
        #expect(node["half"]?.double == 0.5)
        #expect(node["s"]?.string == "1")
        #expect(node["n"]?.isNull == true)
        #expect(node["l"]?[0]?.bool == true)
        #expect(node["l"]?[1]?.int == 2)
        #expect(node.pairs?.map { $0.key.scalar?.value } == ["f", "half", "l", "n", "one", "s", "t", "zero"])
    }

    @Test func jsonRoundTripThroughYAMLText() throws {
        let json = #"{"a":[1,"2",false,null],"b":{"c":"yes"}}"#
        let node = try YAMLNode(json: Data(json.utf8))
        let reparsed = try YAMLParser.parseDocument(try YAMLEmitter.emit([node]))
        #expect(String(decoding: try reparsed.jsonData(), as: UTF8.self) == json)
    }

    @Test func invalidJSONIsAnError() {
        #expect(throws: YAMLError.self) {
            try YAMLNode(json: Data("{".utf8))
        }
    }

    @Test func equalityIgnoresMarksAndStyleButNotType() throws {
        let parsed = try YAMLParser.parseDocument("a: 'x'\nb: 1\n")
        #expect(parsed == .mapping(["a": .scalar("x"), "b": .scalar("1")]))
        #expect(parsed != .mapping(["a": .scalar("x"), "b": .string("1")]))
    }
}
