/// A number of bytes.
///
/// Heketi's JSON mixes units (volumes in GiB, devices and bricks in KiB); inside Brickyard every size is a
/// `ByteCount`, and conversions happen only at the edges that speak those units.
public struct ByteCount: Hashable, Comparable, Sendable, Codable {
    public var bytes: Int64

    public init(bytes: Int64) {
        self.bytes = bytes
    }

    public init(from decoder: any Decoder) throws {
        self.bytes = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.bytes)
    }

    public static let zero = ByteCount(bytes: 0)
    public static let kibibyte: Int64 = 1 << 10
    public static let mebibyte: Int64 = 1 << 20
    public static let gibibyte: Int64 = 1 << 30
    public static let tebibyte: Int64 = 1 << 40

    public static func kibibytes(_ count: Int64) -> ByteCount { ByteCount(bytes: count * Self.kibibyte) }
    public static func mebibytes(_ count: Int64) -> ByteCount { ByteCount(bytes: count * Self.mebibyte) }
    public static func gibibytes(_ count: Int64) -> ByteCount { ByteCount(bytes: count * Self.gibibyte) }
    public static func tebibytes(_ count: Int64) -> ByteCount { ByteCount(bytes: count * Self.tebibyte) }

    /// Converts a count in `unit` bytes, or returns nil when the result does not fit (a huge number from a
    /// request must become a validation error, never a crash).
    public static func exactly(_ count: Int64, unit: Int64) -> ByteCount? {
        let (product, overflow) = count.multipliedReportingOverflow(by: unit)
        return overflow ? nil : ByteCount(bytes: product)
    }

    /// Whole KiB, rounded down (Heketi reports device and brick sizes in KiB).
    public var kibibytes: Int64 { self.bytes / Self.kibibyte }
    /// Whole GiB, rounded down (Heketi reports volume sizes in GiB).
    public var gibibytes: Int64 { self.bytes / Self.gibibyte }

    /// The smallest multiple of `unit` that is not below this size.
    public func roundedUp(toMultipleOf unit: ByteCount) -> ByteCount {
        precondition(unit.bytes > 0, "rounding unit must be positive")
        let remainder = self.bytes % unit.bytes
        return remainder == 0 ? self : ByteCount(bytes: self.bytes - remainder + unit.bytes)
    }

    /// This size scaled by a factor, rounded up to a whole byte.
    public func scaled(by factor: Double) -> ByteCount {
        ByteCount(bytes: Int64((Double(self.bytes) * factor).rounded(.up)))
    }

    public static func < (lhs: ByteCount, rhs: ByteCount) -> Bool { lhs.bytes < rhs.bytes }
    public static func + (lhs: ByteCount, rhs: ByteCount) -> ByteCount { ByteCount(bytes: lhs.bytes + rhs.bytes) }
    public static func - (lhs: ByteCount, rhs: ByteCount) -> ByteCount { ByteCount(bytes: lhs.bytes - rhs.bytes) }
    public static func += (lhs: inout ByteCount, rhs: ByteCount) { lhs.bytes += rhs.bytes }
    public static func -= (lhs: inout ByteCount, rhs: ByteCount) { lhs.bytes -= rhs.bytes }
    public static func * (lhs: ByteCount, rhs: Int64) -> ByteCount { ByteCount(bytes: lhs.bytes * rhs) }
    public static func / (lhs: ByteCount, rhs: Int64) -> ByteCount { ByteCount(bytes: lhs.bytes / rhs) }
}

extension ByteCount: CustomStringConvertible {
    /// A human form with binary units and at most two decimals, e.g. `1.5 GiB`, `512 MiB`, `0 B`.
    public var description: String {
        let units: [(Int64, String)] = [
            (Self.tebibyte * 1024, "PiB"), (Self.tebibyte, "TiB"), (Self.gibibyte, "GiB"),
            (Self.mebibyte, "MiB"), (Self.kibibyte, "KiB"),
        ]
        let magnitude = self.bytes.magnitude
        for (size, name) in units where magnitude >= UInt64(size) {
            let value = Double(self.bytes) / Double(size)
            let rounded = (value * 100).rounded() / 100
            if rounded == rounded.rounded() {
                return "\(Int64(rounded)) \(name)"
            }
            return "\(rounded) \(name)"
        }
        return "\(self.bytes) B"
    }
}
