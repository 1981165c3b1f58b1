/// A placement constraint on device tags: `key=value` requires the tag, `key!=value` excludes it.
///
/// Rules are evaluated on the device's tags overlaid on its node's tags (Heketi's
/// `user.heketi.device-tag-match` volume option).
public struct TagRule: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var value: String
    public var matchesWhenEqual: Bool

    public init(name: String, value: String, matchesWhenEqual: Bool) {
        self.name = name
        self.value = value
        self.matchesWhenEqual = matchesWhenEqual
    }

    /// Parses `key=value` or `key!=value`.
    public init(parsing text: String, field: String = "device-tag-match") throws(ValidationError) {
        let isNegated: Bool
        let parts: [Substring]
        let characters = Array(text)
        if let bang = characters.indices.first(where: { characters[$0] == "!" && $0 + 1 < characters.count && characters[$0 + 1] == "=" }) {
            isNegated = true
            parts = [Substring(String(characters[..<bang])), Substring(String(characters[(bang + 2)...]))]
        } else {
            isNegated = false
            parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        }
        guard parts.count == 2, !parts[0].isEmpty else {
            throw ValidationError(field: field, value: text, problem: .invalidCharacters(allowed: "key=value or key!=value"))
        }
        let name = String(parts[0])
        try Tags.validate([name: String(parts[1])], field: field)
        self.init(name: name, value: String(parts[1]), matchesWhenEqual: !isNegated)
    }

    public func matches(_ tags: Tags) -> Bool {
        (tags[self.name] == self.value) == self.matchesWhenEqual
    }

    public var description: String {
        "\(self.name)\(self.matchesWhenEqual ? "=" : "!=")\(self.value)"
    }
}
