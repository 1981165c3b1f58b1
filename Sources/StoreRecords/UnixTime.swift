/// A wall-clock instant in whole seconds since 1970-01-01 UTC, as stored in the operations and journal tables.
///
/// The store never reads a clock: callers pass the time in, so tests and recovery runs repeat exactly. Whole
/// seconds are enough for "when did this finish" and for pruning, and an integer compares exactly in SQL.
public struct UnixTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    public init(from decoder: any Decoder) throws {
        self.seconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.seconds)
    }

    public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.seconds < rhs.seconds }

    public var description: String { "\(self.seconds)s" }
}
