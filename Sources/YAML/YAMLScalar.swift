/// A scalar's text with how it was written, so that `"123"` stays a string while plain `123` reads as a number.
public struct YAMLScalar: Sendable, CustomStringConvertible {
    /// How a scalar is written in the source.
    public enum Style: Sendable, Hashable {
        case plain
        case singleQuoted
        case doubleQuoted
        case literal
        case folded
    }

    /// The tag of YAML null (`null`, `~`, empty).
    public static let nullTag = "tag:yaml.org,2002:null"
    /// The tag of YAML booleans (`true`, `false`).
    public static let boolTag = "tag:yaml.org,2002:bool"
    /// The tag of YAML integers (decimal, `0o` octal, `0x` hexadecimal).
    public static let intTag = "tag:yaml.org,2002:int"
    /// The tag of YAML floats (including `.inf` and `.nan`).
    public static let floatTag = "tag:yaml.org,2002:float"
    /// The tag of YAML strings.
    public static let stringTag = "tag:yaml.org,2002:str"

    /// The scalar's content, with escapes and folding already applied.
    public var value: String
    /// How the scalar was written; only plain scalars are resolved to non-string types.
    public var style: Style
    /// An explicit tag such as `tag:yaml.org,2002:str` or `!secret`, or `nil` when the scalar is untagged.
    public var tag: String?

    public init(_ value: String, style: Style = .plain, tag: String? = nil) {
        self.value = value
        self.style = style
        self.tag = tag
    }

    /// The scalar's type: its explicit tag, `str` when quoted or block-styled, or the YAML 1.2 core schema's
    /// resolution of its plain text.
    public var resolvedTag: String {
        if let tag = self.tag {
            return tag == "!" ? Self.stringTag : tag
        }
        return self.style == .plain ? YAMLCoreSchema.resolve(self.value) : Self.stringTag
    }

    public var description: String {
        self.value
    }
}

extension YAMLScalar: Equatable {
    /// Scalars are equal when they hold the same text of the same type; the style that wrote them does not matter.
    public static func == (lhs: YAMLScalar, rhs: YAMLScalar) -> Bool {
        lhs.value == rhs.value && lhs.resolvedTag == rhs.resolvedTag
    }
}
