import Testing
import YAML

@Suite struct YAMLParserTests {
    @Test func parsesNestedMappingAndSequenceInOrder() throws {
        let node = try YAMLParser.parseDocument(
            """
            name: gluster
            zones: [1, 2]
            node:
              host: 10.0.0.1
              devices:
                - /dev/sdb
                - /dev/sdc
            """)
        #expect(node.pairs?.map { $0.key.scalar?.value } == ["name", "zones", "node"])
        #expect(node["name"]?.string == "gluster")
        #expect(node["zones"]?.items?.compactMap(\.int) == [1, 2])
        #expect(node["node"]?["devices"]?[1]?.string == "/dev/sdc")
    }

    @Test func marksPointAtTheStartOfNestedValues() throws {
        let node = try YAMLParser.parseDocument(
            """
            cluster:
              nodes:
                - name: a
                  size: 10GiB
            """)
        let size = try #require(node["cluster"]?["nodes"]?[0]?["size"])
        #expect(size.mark == YAMLMark(line: 4, column: 13))
        #expect(node["cluster"]?["nodes"]?.mark == YAMLMark(line: 3, column: 5))
    }

    @Test func quotedNumbersStayStrings() throws {
        let node = try YAMLParser.parseDocument(#"{a: "123", b: '4.5', c: 123, d: !!str 7, e: true, f: ~}"#)
        #expect(node["a"]?.string == "123")
        #expect(node["a"]?.int == nil)
        #expect(node["b"]?.string == "4.5")
        #expect(node["c"]?.int == 123)
        #expect(node["c"]?.string == nil)
        #expect(node["d"]?.string == "7")
        #expect(node["e"]?.bool == true)
        #expect(node["f"]?.isNull == true)
    }

    @Test func multiDocumentStream() throws {
        let documents = try YAMLParser.parseDocuments(
            """
            kind: Volume
            ---
            kind: Node
            ---
            """)
        #expect(documents.count == 3)
        #expect(documents[0]["kind"]?.string == "Volume")
        #expect(documents[1]["kind"]?.string == "Node")
        #expect(documents[2].isNull)
        #expect(try YAMLParser.parseDocuments("").isEmpty)
    }

    @Test func syntaxErrorReportsLineAndColumn() {
        do {
            _ = try YAMLParser.parseDocuments("a: 1\nb: 2\nc: d: e\n")
            Issue.record("invalid YAML parsed")
        } catch {
            #expect(error.mark?.line == 3)
            #expect(error.mark?.column == 5)
            #expect(error.problem == "mapping values are not allowed in this context")
            #expect(error.function == "yaml_parser_parse")
            #expect(error.description.hasPrefix("line 3, column 5: mapping values"))
        }
    }

    @Test func invalidCharacterReportsItsPosition() {
        do {
            _ = try YAMLParser.parseDocuments("a: ok\nb: x\u{7}y\n")
            Issue.record("control character accepted")
        } catch {
            #expect(error.mark == YAMLMark(line: 2, column: 5))
        }
    }

    @Test func aliasesResolveToCopiesOfTheAnchoredNode() throws {
        let node = try YAMLParser.parseDocument(
            """
            defaults: &defaults
              replica: 3
              arbiter: false
            volumes:
              - *defaults
              - *defaults
            """)
        let volumes = try #require(node["volumes"]?.items)
        #expect(volumes.count == 2)
        #expect(volumes[0] == node["defaults"])
        #expect(volumes[1]["replica"]?.int == 3)
        #expect(volumes[1].mark == YAMLMark(line: 6, column: 5))
    }

    @Test func unknownAliasIsAnError() {
        #expect(throws: YAMLError.self) {
            try YAMLParser.parseDocuments("a: *missing\n")
        }
    }

    @Test func billionLaughsIsRefused() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        do {
            _ = try YAMLParser.parseDocuments(text)
            Issue.record("exponential document accepted")
        } catch {
            #expect(error.problem.contains("more than 1000000 nodes"))
        }
    }

    @Test func nestingBeyondTheLimitIsRefused() throws {
        let deep = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: YAMLError.self) {
            try YAMLParser.parseDocuments(deep, limits: YAMLParser.Limits(maxDepth: 10))
        }
        _ = try YAMLParser.parseDocuments(deep, limits: YAMLParser.Limits(maxDepth: 20))
    }

    @Test func duplicateKeyIsAnErrorAtTheSecondKey() {
        do {
            _ = try YAMLParser.parseDocuments("a: 1\nb: 2\na: 3\n")
            Issue.record("duplicate key accepted")
        } catch {
            #expect(error.problem == #"duplicate key "a""#)
            #expect(error.mark == YAMLMark(line: 3, column: 1))
        }
    }
}
