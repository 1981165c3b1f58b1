/// What an operation does, as a dotted name such as `volume.create`.
///
/// An open set rather than an enum: the engine adds kinds of work without a schema change, and a newer binary's
/// records still load in an older one.
public struct OperationType: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    public var description: String { self.rawValue }

    public static let volumeCreate: OperationType = "volume.create"
    public static let volumeExpand: OperationType = "volume.expand"
    public static let volumeDelete: OperationType = "volume.delete"
    public static let volumeUpdate: OperationType = "volume.update"
    public static let nodeAdd: OperationType = "node.add"
    public static let nodeRemove: OperationType = "node.remove"
    public static let deviceAdd: OperationType = "device.add"
    public static let deviceRemove: OperationType = "device.remove"
    public static let deviceResync: OperationType = "device.resync"
}
