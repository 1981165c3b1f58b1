import Testing
import YAML

@Suite struct YAMLEmitterTests {
    /// CRDs write `subresources: {status: {}}` and `default: {}`; quoted CEL rules must read back unchanged.
    @Test func emptyMappingsAndRuleTextRoundTrip() throws {
        let document = YAMLNode.mapping([
            "status": .mapping([:]),
            "rule": .string("!has(self.min) || self.x == 'a'"),
            "jsonPath": .string(".status.conditions[?(@.type==\"Ready\")].status"),
        ])
        let text = try YAMLEmitter.emit([document])
        #expect(text.contains("status: {}"))
        #expect(try YAMLParser.parseDocuments(text) == [document])
    }

    @Test func roundTripsNestedMappingAndSequence() throws {
        let document = YAMLNode.mapping([
            "name": .string("vol1"),
            "size": .scalar("100"),
            "bricks": .sequence([
                .mapping(["host": .string("n1"), "path": .string("/bricks/b1")]),
                .mapping(["host": .string("n2"), "path": .string("/bricks/b2")]),
            ]),
            "options": .mapping(["performance.cache-size": .string("256MB"), "nfs.disable": .scalar("true")]),
            "empty": .sequence([]),
        ])
        let text = try YAMLEmitter.emit([document])
        #expect(
            text == """
                name: vol1
                size: 100
                bricks:
                - host: n1
                  path: /bricks/b1
                - host: n2
                  path: /bricks/b2
                options:
                  performance.cache-size: 256MB
                  nfs.disable: true
                empty: []

                """)
        #expect(try YAMLParser.parseDocument(text) == document)
    }

    @Test(arguments: ["123", "4.5", "true", "null", "", "~", "0x1F", "yes", "off", "a: b", "- x", "#c", " lead"])
    func stringsThatLookLikeOtherTypesAreQuoted(_ value: String) throws {
        let text = try YAMLEmitter.emit([.mapping(["k": .string(value)])])
        let parsed = try YAMLParser.parseDocument(text)
        #expect(parsed["k"]?.string == value, "emitted as \(text)")
        #expect(text != "k: \(value)\n", "written plain")
    }

    @Test func plainNumbersAndBooleansStayPlain() throws {
        let text = try YAMLEmitter.emit([.sequence([.scalar("12"), .scalar("1.5"), .scalar("false"), .scalar("~")])])
        #expect(text == "- 12\n- 1.5\n- false\n- ~\n")
    }

    @Test func explicitTagsThatDisagreeWithTheTextAreWritten() throws {
        let text = try YAMLEmitter.emit([.scalar("abc", tag: YAMLScalar.intTag), .scalar("s", tag: "!secret")])
        #expect(text.contains("!!int abc"))
        #expect(text.contains("!secret s"))
    }

    @Test func multipleDocumentsAreSeparated() throws {
        let documents: [YAMLNode] = [.mapping(["a": .scalar("1")]), .mapping(["b": .scalar("2")])]
        let text = try YAMLEmitter.emit(documents)
        #expect(text == "a: 1\n---\nb: 2\n")
        #expect(try YAMLParser.parseDocuments(text) == documents)
    }

    @Test func multiLineStringsSurviveInLiteralStyle() throws {
        let document = YAMLNode.mapping(["script": .scalar("line one\nline two\n", style: .literal)])
        let text = try YAMLEmitter.emit([document])
        #expect(text == "script: |\n  line one\n  line two\n")
        #expect(try YAMLParser.parseDocument(text) == document)
    }
}
