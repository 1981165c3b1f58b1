/// A YAML node with the position it starts at, so that readers of configuration and desired-state files can point
/// at the offending line and column.
///
/// Equality compares content only: marks and scalar styles are ignored, so a parsed document equals the same
/// document built in code or parsed after re-emitting.
public struct YAMLNode: Sendable, CustomStringConvertible {
    /// What a node holds.
    public enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Key-value pairs in source order.
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public var kind: Kind
    /// Where the node starts in its source, or `nil` for nodes built in code.
    public var mark: YAMLMark?

    public init(_ kind: Kind, mark: YAMLMark? = nil) {
        self.kind = kind
        self.mark = mark
    }

    /// A scalar node.
    public static func scalar(_ value: String, style: YAMLScalar.Style = .plain, tag: String? = nil) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(value, style: style, tag: tag)))
    }

    /// A scalar that is a string whatever its text, such as `"123"` or `"true"`.
    public static func string(_ value: String) -> YAMLNode {
        .scalar(value, tag: YAMLScalar.stringTag)
    }

    /// A sequence node.
    public static func sequence(_ items: [YAMLNode]) -> YAMLNode {
        YAMLNode(.sequence(items))
    }

    /// A mapping node whose keys are strings, in the given order.
    public static func mapping(_ pairs: KeyValuePairs<String, YAMLNode>) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { (key: .string($0.key), value: $0.value) }))
    }

    public var description: String {
        switch self.kind {
        case .scalar(let scalar): scalar.value
        case .sequence(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let pairs): "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

extension YAMLNode: Equatable {
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        switch (lhs.kind, rhs.kind) {
        case (.scalar(let left), .scalar(let right)):
            left == right
        case (.sequence(let left), .sequence(let right)):
            left == right
        case (.mapping(let left), .mapping(let right)):
            left.count == right.count && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default:
            false
        }
    }
}
