/// A request or document broke one of the model's rules.
///
/// It carries the offending field and value so that every edge (REST, CLI, desired-state files) can say
/// exactly what was wrong without parsing a message.
public struct ValidationError: Error, Hashable, Sendable {
    /// The field that failed, as named in Heketi's JSON (e.g. `zone`, `durability.replicate.replica`).
    public var field: String
    /// The offending value, rendered as text.
    public var value: String
    public var problem: Problem

    public init(field: String, value: String, problem: Problem) {
        self.field = field
        self.value = value
        self.problem = problem
    }

    /// The rule that was broken, with its limits.
    public enum Problem: Hashable, Sendable {
        case required
        case belowMinimum(String)
        case aboveMaximum(String)
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)
        case invalidCharacters(allowed: String)
        case notOneOf([String])
        case notAnIdentifier
        case notAHostname
        case tooMany(maximum: Int)
        case unsupported(String)
    }
}

extension ValidationError: CustomStringConvertible {
    public var description: String {
        let shown = self.value.count > 80 ? String(self.value.prefix(77)) + "..." : self.value
        switch self.problem {
        case .required:
            return "\(self.field) is required"
        case .belowMinimum(let minimum):
            return "\(self.field): \(shown) is below the minimum \(minimum)"
        case .aboveMaximum(let maximum):
            return "\(self.field): \(shown) is above the maximum \(maximum)"
        case .tooShort(let minimum):
            return "\(self.field): \"\(shown)\" is shorter than \(minimum) characters"
        case .tooLong(let maximum):
            return "\(self.field): \"\(shown)\" is longer than \(maximum) characters"
        case .invalidCharacters(let allowed):
            return "\(self.field): \"\(shown)\" must match \(allowed)"
        case .notOneOf(let choices):
            return "\(self.field): \"\(shown)\" must be one of \(choices.joined(separator: ", "))"
        case .notAnIdentifier:
            return "\(self.field): \"\(shown)\" is not an id (32 lowercase hex characters)"
        case .notAHostname:
            return "\(self.field): \"\(shown)\" is not a valid hostname or IP address"
        case .tooMany(let maximum):
            return "\(self.field): \(shown) entries, at most \(maximum) allowed"
        case .unsupported(let reason):
            return "\(self.field): \(shown) is not supported: \(reason)"
        }
    }
}
