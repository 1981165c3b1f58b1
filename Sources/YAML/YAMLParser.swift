import CYAML

/// Parses YAML text into node trees with libyaml's event API (`yaml_parser_parse`).
public enum YAMLParser {
    /// Bounds on what a document may expand to, so a hostile file cannot exhaust memory or the stack.
    public struct Limits: Sendable, Hashable {
        /// The most nodes one document may hold once aliases are expanded; stops "billion laughs" documents.
        public var maxNodes: Int
        /// The deepest nesting of sequences and mappings, counting alias expansions.
        public var maxDepth: Int

        public init(maxNodes: Int = 1_000_000, maxDepth: Int = 256) {
            self.maxNodes = maxNodes
            self.maxDepth = maxDepth
        }
    }

    /// Parses every document of a stream (documents are separated by `---`); an empty stream has none.
    public static func parseDocuments(_ text: String, limits: Limits = Limits()) throws(YAMLError) -> [YAMLNode] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(problem: "cannot allocate a parser", function: "yaml_parser_initialize")
        }
        defer { yaml_parser_delete(parser) }
        // libyaml asserts a non-null input, so an empty text still gets a (zero-length) buffer.
        let bytes = text.isEmpty ? [0] : Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(YAMLError) in
            yaml_parser_set_input_string(parser, buffer.baseAddress, text.isEmpty ? 0 : buffer.count)
            var builder = YAMLTreeBuilder(limits: limits)
            while !builder.isFinished {
                var event = yaml_event_t()
                guard yaml_parser_parse(parser, &event) == 1 else {
                    throw Self.error(of: parser.pointee, text: buffer)
                }
                defer { yaml_event_delete(&event) }
                try builder.handle(event)
            }
            return builder.documents
        }
    }

    /// Parses a stream that must hold exactly one document.
    public static func parseDocument(_ text: String, limits: Limits = Limits()) throws(YAMLError) -> YAMLNode {
        let documents = try Self.parseDocuments(text, limits: limits)
        guard documents.count == 1 else {
            throw YAMLError(problem: "expected one document, found \(documents.count)", function: "parseDocument")
        }
        return documents[0]
    }

    /// Converts the parser's error fields into a `YAMLError`; reader errors carry a byte offset instead of a mark.
    private static func error(of parser: yaml_parser_t, text: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(problem: "out of memory", function: "yaml_parser_parse")
        case YAML_READER_ERROR:
            let offset = min(parser.problem_offset, text.count)
            let before = text[..<offset]
            let line = before.count { $0 == UInt8(ascii: "\n") } + 1
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let column = String(decoding: text[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
            return YAMLError(
                problem: problem, mark: YAMLMark(line: line, column: column), function: "yaml_parser_parse")
        default:
            return YAMLError(
                problem: problem, mark: YAMLMark(parser.problem_mark),
                context: parser.context.map { String(cString: $0) },
                contextMark: parser.context == nil ? nil : YAMLMark(parser.context_mark),
                function: "yaml_parser_parse")
        }
    }
}

extension YAMLMark {
    /// Converts libyaml's 0-based mark.
    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}
