/// Who asked for a volume: the source kind, the namespace when the source has namespaces, and the claim's name.
/// It is recorded on the volume (`user.brickyard.claim`), so a source adopts, changes and prunes only volumes its own
/// claims made: two sources, or two namespaces, with a claim `data` never touch each other's volume.
///
/// Recorded as `kind:name` or `kind:namespace/name` (`directory:app-data`, `pvc:shop/data`). Volumes made before
/// claims were qualified carry the bare name; such a value is read as the documents directory's claim of that name
/// (the only source there was) and rewritten in the qualified form by the directory source's next pass.
public struct ClaimReference: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The documents directory's kind.
    public static let directory = "directory"

    public var source: String
    public var namespace: String?
    public var name: String

    public init(source: String, namespace: String? = nil, name: String) {
        self.source = source
        self.namespace = namespace
        self.name = name
    }

    /// Reads a recorded value; nil when it is empty or malformed (such a volume belongs to no source).
    public init?(recorded value: String) {
        guard !value.isEmpty else { return nil }
        guard let colon = value.firstIndex(of: ":") else {
            // A bare name: recorded before claims were qualified, by the documents directory.
            self.init(source: Self.directory, name: value)
            return
        }
        let source = String(value[..<colon])
        let rest = value[value.index(after: colon)...]
        guard !source.isEmpty, !rest.isEmpty else { return nil }
        if let slash = rest.firstIndex(of: "/") {
            let namespace = String(rest[..<slash])
            let name = String(rest[rest.index(after: slash)...])
            guard !namespace.isEmpty, !name.isEmpty else { return nil }
            self.init(source: source, namespace: namespace, name: name)
        } else {
            self.init(source: source, name: String(rest))
        }
    }

    /// The qualified form, as recorded on the volume.
    public var description: String {
        "\(self.source):" + (self.namespace.map { "\($0)/" } ?? "") + self.name
    }

    /// Whether `value` is this reference recorded before claims were qualified (so it should be rewritten).
    public func isLegacy(_ value: String) -> Bool {
        value != self.description && ClaimReference(recorded: value) == self
    }

    /// By source, namespace, then name (as the recorded forms sort, without building them).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.source, lhs.namespace ?? "", lhs.name) < (rhs.source, rhs.namespace ?? "", rhs.name)
    }
}
