/// The type of a value as written in a configuration file, resolved by the YAML 1.2 core schema (which reads JSON's
/// literals the same way), so a type error can say what it found.
public enum ConfigurationValueKind: Sendable, Hashable, CustomStringConvertible {
    case string
    case integer
    case float
    case boolean
    case null
    case sequence
    case mapping
    /// A scalar with an explicit YAML tag other than the core schema's, such as `!secret`.
    case tagged(String)

    public var description: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number with a fraction"
        case .boolean: "a boolean (true or false)"
        case .null: "null"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .tagged(let tag): "a value tagged \(tag)"
        }
    }
}
