import Foundation
@testable import Commands
import Testing

/// Machine-readable output is stable: sorted keys, and YAML made from the same JSON.
@Suite struct OutputFormatTests {
    struct Sample: Encodable {
        var zeta = 1
        var alpha = "/dev/sdb"
        var list = ["b", "a"]
        var flag = true
    }

    @Test func jsonHasSortedKeysAndUnescapedSlashes() throws {
        let text = try #require(OutputFormat.json.document(Sample()))
        let keys = text.split(separator: "\n").compactMap { line in
            line.split(separator: "\"").dropFirst().first.map(String.init)
        }
        #expect(Array(keys.prefix(3)) == ["alpha", "flag", "list"])
        #expect(text.contains("/dev/sdb"))
        #expect(OutputFormat.json.document(Sample()) == OutputFormat.json.document(Sample()))
        #expect(OutputFormat.text.document(Sample()) == nil)
    }

    @Test func yamlFromTheSameData() throws {
        let text = try #require(OutputFormat.yaml.document(Sample()))
        #expect(text.split(separator: "\n").map(String.init) == ["alpha: /dev/sdb", "flag: true", "list:", "- b", "- a", "zeta: 1"])
    }

    @Test func rawJSONIsReformattedOrConverted() {
        let raw = Data(#"{"b":[1,2],"a":"x"}"#.utf8)
        #expect(OutputFormat.yaml.document(rawJSON: raw).split(separator: "\n").first == "a: x")
        #expect(OutputFormat.json.document(rawJSON: raw).hasPrefix("{\n"))
        #expect(OutputFormat.text.document(rawJSON: Data("not json".utf8)) == "not json")
    }
}
