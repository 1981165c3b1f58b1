/// User metadata on nodes and devices, validated as Heketi does: names `^[a-zA-Z0-9_.-]+$` of 1-32
/// characters, values of at most 64 characters, at most 32 tags on one object.
public struct Tags: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
    public private(set) var values: [String: String]

    public static let maximumCount = 32
    public static let maximumNameLength = 32
    public static let maximumValueLength = 64

    /// Tags without validation, for values already checked (e.g. read back from the store).
    public init(unchecked values: [String: String] = [:]) {
        self.values = values
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// Validates every tag; `field` names the JSON field in errors (e.g. `tags`).
    public init(validating values: [String: String], field: String = "tags") throws(ValidationError) {
        try Self.validate(values, field: field)
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        self.values = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.values)
    }

    public subscript(name: String) -> String? { self.values[name] }
    public var isEmpty: Bool { self.values.isEmpty }

    /// How a tag change request combines with the existing tags (Heketi's `change_type`).
    public enum Change: String, Sendable, Codable, CaseIterable {
        case set, update, delete
    }

    /// The tags after a change; the result is validated too (an update may push the count over 32).
    public func applying(_ change: Change, _ tags: [String: String], field: String = "tags") throws(ValidationError)
        -> Tags
    {
        switch change {
        case .set:
            return try Tags(validating: tags, field: field)
        case .update:
            try Self.validate(tags, field: field)
            let merged = self.values.merging(tags, uniquingKeysWith: { _, new in new })
            return try Tags(validating: merged, field: field)
        case .delete:
            var remaining = self.values
            for name in tags.keys { remaining.removeValue(forKey: name) }
            return Tags(unchecked: remaining)
        }
    }

    /// Node tags overlaid by device tags: a device inherits its node's tags unless it sets its own.
    public func overlaid(by inner: Tags) -> Tags {
        Tags(unchecked: self.values.merging(inner.values, uniquingKeysWith: { _, innerValue in innerValue }))
    }

    static func validate(_ values: [String: String], field: String) throws(ValidationError) {
        if values.count > Self.maximumCount {
            throw ValidationError(field: field, value: String(values.count), problem: .tooMany(maximum: Self.maximumCount))
        }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            if name.isEmpty {
                throw ValidationError(field: "\(field) name", value: name, problem: .tooShort(minimum: 1))
            }
            if name.utf8.count > Self.maximumNameLength {
                throw ValidationError(
                    field: "\(field) name", value: name, problem: .tooLong(maximum: Self.maximumNameLength))
            }
            if !CharacterRules.allBytes(of: name, alphanumericOr: "_.-") {
                throw ValidationError(
                    field: "\(field) name", value: name, problem: .invalidCharacters(allowed: "^[a-zA-Z0-9_.-]+$"))
            }
            if value.count > Self.maximumValueLength {
                throw ValidationError(
                    field: "\(field).\(name)", value: value, problem: .tooLong(maximum: Self.maximumValueLength))
            }
        }
    }
}
