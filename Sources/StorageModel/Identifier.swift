/// A 128-bit object identifier, written as 32 lowercase hex characters like Heketi's IDs.
///
/// The `Kind` parameter makes `VolumeID`, `NodeID`, ... distinct types, so a device ID can never be passed
/// where a volume ID is expected. Storing two integers instead of a string keeps hashing and comparison
/// cheap in the allocator's hot loops.
public struct Identifier<Kind: IdentifierKind>: Hashable, Comparable, Sendable {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses 32 lowercase hex characters; anything else is refused.
    public init(parsing text: some StringProtocol) throws(ValidationError) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 32 else {
            throw ValidationError(field: Kind.fieldName, value: String(text), problem: .notAnIdentifier)
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in utf8.enumerated() {
            let nibble: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(byte - UInt8(ascii: "a") + 10)
            default: throw ValidationError(field: Kind.fieldName, value: String(text), problem: .notAnIdentifier)
            }
            if index < 16 { high = high << 4 | nibble } else { low = low << 4 | nibble }
        }
        self.init(high: high, low: low)
    }

    /// Makes a new random identifier; the generator is injected so that tests and simulations repeat.
    public static func random(using generator: inout some RandomNumberGenerator) -> Self {
        Self(high: generator.next(), low: generator.next())
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

extension Identifier: CustomStringConvertible {
    public var description: String {
        var bytes = [UInt8](repeating: 0, count: 32)
        let digits = Array("0123456789abcdef".utf8)
        for index in 0..<16 {
            bytes[index] = digits[Int((self.high >> (60 - 4 * UInt64(index))) & 0xF)]
            bytes[16 + index] = digits[Int((self.low >> (60 - 4 * UInt64(index))) & 0xF)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Identifier: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}

/// Names the kind of object an identifier refers to, for error messages.
public protocol IdentifierKind: Sendable {
    static var fieldName: String { get }
}

public enum ClusterKind: IdentifierKind { public static let fieldName = "cluster" }
public enum NodeKind: IdentifierKind { public static let fieldName = "node" }
public enum DeviceKind: IdentifierKind { public static let fieldName = "device" }
public enum BrickKind: IdentifierKind { public static let fieldName = "brick" }
public enum VolumeKind: IdentifierKind { public static let fieldName = "volume" }

public typealias ClusterID = Identifier<ClusterKind>
public typealias NodeID = Identifier<NodeKind>
public typealias DeviceID = Identifier<DeviceKind>
public typealias BrickID = Identifier<BrickKind>
public typealias VolumeID = Identifier<VolumeKind>
