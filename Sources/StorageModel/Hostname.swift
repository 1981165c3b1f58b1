/// Validation of node management and storage addresses: a DNS name (RFC 1123 labels) or an IPv4/IPv6
/// literal, as Heketi's `is.Host` rule accepts.
public enum Hostname {
    public static let maximumLength = 253

    public static func validate(_ text: String, field: String) throws(ValidationError) {
        guard !text.isEmpty else { throw ValidationError(field: field, value: text, problem: .required) }
        guard Self.isValid(text) else { throw ValidationError(field: field, value: text, problem: .notAHostname) }
    }

    public static func isValid(_ text: String) -> Bool {
        Self.isIPv4(text) || Self.isIPv6(text) || Self.isDNSName(text)
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                    && (Int(part) ?? 256) <= 255
            }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        let allowed = Set("0123456789abcdefABCDEF:.")
        guard text.allSatisfy({ allowed.contains($0) }) else { return false }
        let characters = Array(text)
        let doubleColons = zip(characters, characters.dropFirst()).filter { $0 == ":" && $1 == ":" }.count
        guard doubleColons <= 1 else { return false }
        let groups = text.split(separator: ":", omittingEmptySubsequences: true)
        let hasEmbeddedIPv4 = groups.last.map { $0.contains(".") } ?? false
        if hasEmbeddedIPv4, let last = groups.last, !Self.isIPv4(String(last)) { return false }
        let hexGroups = hasEmbeddedIPv4 ? groups.dropLast() : groups[...]
        guard hexGroups.allSatisfy({ $0.count <= 4 && !$0.contains(".") }) else { return false }
        let count = hexGroups.count + (hasEmbeddedIPv4 ? 2 : 0)
        return doubleColons == 1 ? count < 8 : count == 8
    }

    static func isDNSName(_ text: String) -> Bool {
        guard text.utf8.count <= Self.maximumLength else { return false }
        let name = text.hasSuffix(".") ? String(text.dropLast()) : text
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard let last = labels.last, !last.isEmpty else { return false }
        // A top-level label is never all digits; this keeps "999.1.1.1" from passing as a name.
        guard !last.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return labels.allSatisfy { label in
            guard (1...63).contains(label.utf8.count) else { return false }
            guard label.first != "-", label.last != "-" else { return false }
            return CharacterRules.allBytes(of: String(label), alphanumericOr: "-_")
        }
    }
}
