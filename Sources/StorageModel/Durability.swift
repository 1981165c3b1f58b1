/// How a volume survives failures: the shape of each brick set.
public enum Durability: Hashable, Sendable {
    /// Plain distribute: one brick per set, no redundancy.
    case distribute
    /// N full copies (2 or 3).
    case replicate(Int)
    /// Replica 3 arbiter 1: two data copies plus a metadata-only arbiter brick in position 3.
    case arbiter
    /// Erasure coding: `data` fragments plus `redundancy` parity fragments.
    case disperse(data: Int, redundancy: Int)

    /// The disperse shapes Heketi accepts.
    public static let supportedDisperse: [(data: Int, redundancy: Int)] = [(2, 1), (4, 2), (8, 3), (8, 4)]
    public static let maximumReplica = 3

    /// Validates the shape as Heketi does (replica at most 3; disperse only 2+1, 4+2, 8+3, 8+4).
    public static func replicate(validating replica: Int) throws(ValidationError) -> Durability {
        guard replica >= 2 else {
            throw ValidationError(field: "durability.replicate.replica", value: String(replica), problem: .belowMinimum("2"))
        }
        guard replica <= Self.maximumReplica else {
            throw ValidationError(
                field: "durability.replicate.replica", value: String(replica),
                problem: .aboveMaximum(String(Self.maximumReplica)))
        }
        return .replicate(replica)
    }

    public static func disperse(validatingData data: Int, redundancy: Int) throws(ValidationError) -> Durability {
        guard Self.supportedDisperse.contains(where: { $0.data == data && $0.redundancy == redundancy }) else {
            throw ValidationError(
                field: "durability.disperse", value: "\(data)+\(redundancy)",
                problem: .notOneOf(Self.supportedDisperse.map { "\($0.data)+\($0.redundancy)" }))
        }
        return .disperse(data: data, redundancy: redundancy)
    }

    /// Bricks in one set.
    public var setSize: Int {
        switch self {
        case .distribute: return 1
        case .replicate(let count): return count
        case .arbiter: return 3
        case .disperse(let data, let redundancy): return data + redundancy
        }
    }

    /// How many bricks' worth of user data one set holds; a data brick is `set capacity / dataFragments`.
    public var dataFragments: Int {
        switch self {
        case .disperse(let data, _): return data
        default: return 1
        }
    }

    /// The position of the arbiter brick in a set, if any.
    public var arbiterIndex: Int? {
        if case .arbiter = self { return 2 }
        return nil
    }

    /// Heketi's durability type name.
    public var typeName: String {
        switch self {
        case .distribute: return "none"
        case .replicate, .arbiter: return "replicate"
        case .disperse: return "disperse"
        }
    }
}

extension Durability: CustomStringConvertible {
    public var description: String {
        switch self {
        case .distribute: return "distribute"
        case .replicate(let count): return "replica \(count)"
        case .arbiter: return "replica 3 arbiter 1"
        case .disperse(let data, let redundancy): return "disperse \(data)+\(redundancy)"
        }
    }
}
