import Testing

@testable import HeketiImport

@Suite struct DuplicateKeyScannerTests {
    func scan(_ text: String) -> String? {
        DuplicateKeyScanner.firstDuplicate(in: Array(text.utf8)).map { ($0.path + [$0.key]).joined(separator: "/") }
    }

    @Test func findsRepeatsOnlyWithinOneObject() {
        #expect(self.scan(#"{"a": {"x": 1, "y": [{"x": 2}, {"x": 3}]}, "b": {"x": 4}}"#) == nil)
        #expect(self.scan(#"{"a": {"x": 1, "y": 2, "x": 3}}"#) == "a/x")
        #expect(self.scan(#"{"a": 1, "a": 2}"#) == "a")
    }

    @Test func stringsWithBracesAndEscapesAreNotStructure() {
        #expect(self.scan(#"{"a": "{\"a\": 1", "b": "}", "c": ["x", "x"]}"#) == nil)
    }
}
