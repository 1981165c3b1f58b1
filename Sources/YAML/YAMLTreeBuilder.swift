import CYAML

/// Assembles libyaml's parse events into `YAMLNode` trees: resolves aliases to copies of their anchored nodes,
/// rejects duplicate mapping keys, and enforces `YAMLParser.Limits`.
///
/// Aliased nodes are shared copy-on-write arrays, so expanding an alias costs O(1); the limits count the expanded
/// size, which is what a consumer walking the tree would pay.
struct YAMLTreeBuilder {
    /// A finished node with its expanded size and height, kept for anchors so aliases can be counted cheaply.
    private struct Built {
        var node: YAMLNode
        var size: Int
        var height: Int
    }

    /// A sequence or mapping still open; a mapping's children alternate key, value, key, value.
    private struct Frame {
        var isMapping: Bool
        var mark: YAMLMark
        var anchor: String?
        var children: [YAMLNode] = []
        var keys: Set<String> = []
        var size = 1
        var height = 1
    }

    private let limits: YAMLParser.Limits
    private var stack: [Frame] = []
    private var anchors: [String: Built] = [:]
    private var root: YAMLNode?
    private var nodeCount = 0
    private(set) var documents: [YAMLNode] = []
    private(set) var isFinished = false

    init(limits: YAMLParser.Limits) {
        self.limits = limits
    }

    mutating func handle(_ event: yaml_event_t) throws(YAMLError) {
        let mark = YAMLMark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            self.anchors = [:]
            self.root = nil
            self.nodeCount = 0
        case YAML_DOCUMENT_END_EVENT:
            if let root = self.root {
                self.documents.append(root)
            }
        case YAML_STREAM_END_EVENT:
            self.isFinished = true
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let scalar = YAMLScalar(value, style: Self.style(data.style), tag: data.tag.map { String(cString: $0) })
            let built = Built(node: YAMLNode(.scalar(scalar), mark: mark), size: 1, height: 1)
            try self.add(built, anchor: Self.string(data.anchor))
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            guard var built = self.anchors[name] else {
                throw YAMLError(problem: "unknown anchor \"\(name)\"", mark: mark, function: "yaml_parser_parse")
            }
            built.node.mark = mark
            try self.add(built, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            let anchor = Self.string(event.data.sequence_start.anchor)
            try self.open(Frame(isMapping: false, mark: mark, anchor: anchor))
        case YAML_MAPPING_START_EVENT:
            let anchor = Self.string(event.data.mapping_start.anchor)
            try self.open(Frame(isMapping: true, mark: mark, anchor: anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            try self.close()
        default:
            break
        }
    }

    private mutating func open(_ frame: Frame) throws(YAMLError) {
        guard self.stack.count < self.limits.maxDepth else {
            throw YAMLError(
                problem: "nesting deeper than \(self.limits.maxDepth) levels", mark: frame.mark,
                function: "yaml_parser_parse")
        }
        self.stack.append(frame)
    }

    private mutating func close() throws(YAMLError) {
        guard let frame = self.stack.popLast() else {
            throw YAMLError(problem: "collection end without a start", function: "yaml_parser_parse")
        }
        let kind: YAMLNode.Kind
        if frame.isMapping {
            let keys = stride(from: 0, to: frame.children.count - 1, by: 2)
            kind = .mapping(keys.map { (key: frame.children[$0], value: frame.children[$0 + 1]) })
        } else {
            kind = .sequence(frame.children)
        }
        let built = Built(node: YAMLNode(kind, mark: frame.mark), size: frame.size, height: frame.height)
        try self.add(built, anchor: frame.anchor)
    }

    private mutating func add(_ built: Built, anchor: String?) throws(YAMLError) {
        self.nodeCount += built.size
        guard self.nodeCount <= self.limits.maxNodes else {
            throw YAMLError(
                problem: "document expands to more than \(self.limits.maxNodes) nodes through aliases",
                mark: built.node.mark, function: "yaml_parser_parse")
        }
        guard self.stack.count + built.height <= self.limits.maxDepth + 1 else {
            throw YAMLError(
                problem: "nesting deeper than \(self.limits.maxDepth) levels through aliases", mark: built.node.mark,
                function: "yaml_parser_parse")
        }
        if let anchor {
            self.anchors[anchor] = built
        }
        guard !self.stack.isEmpty else {
            self.root = built.node
            return
        }
        let top = self.stack.count - 1
        if self.stack[top].isMapping && self.stack[top].children.count.isMultiple(of: 2),
            let key = built.node.scalar
        {
            guard self.stack[top].keys.insert(key.resolvedTag + "\u{0}" + key.value).inserted else {
                throw YAMLError(
                    problem: "duplicate key \"\(key.value)\"", mark: built.node.mark,
                    context: "in the mapping", contextMark: self.stack[top].mark, function: "yaml_parser_parse")
            }
        }
        self.stack[top].children.append(built.node)
        self.stack[top].size += built.size
        self.stack[top].height = max(self.stack[top].height, built.height + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
