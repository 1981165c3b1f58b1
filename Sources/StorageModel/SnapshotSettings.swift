/// Space reserved for snapshots: a brick's thin pool is the brick size times the factor.
public struct SnapshotSettings: Hashable, Sendable, Codable {
    public var enabled: Bool
    public var factor: Double

    public static let minimumFactor = 1.0
    public static let maximumFactor = 100.0
    /// Heketi's default when snapshots are enabled without a factor.
    public static let defaultFactor = 1.5
    public static let disabled = SnapshotSettings(unchecked: false, factor: 1)

    public init(unchecked enabled: Bool, factor: Double) {
        self.enabled = enabled
        self.factor = factor
    }

    /// Validates the factor within [1, 100] as Heketi does.
    public init(enabled: Bool, factor: Double) throws(ValidationError) {
        guard factor.isFinite, factor >= Self.minimumFactor else {
            throw ValidationError(field: "snapshot.factor", value: String(factor), problem: .belowMinimum("1"))
        }
        guard factor <= Self.maximumFactor else {
            throw ValidationError(field: "snapshot.factor", value: String(factor), problem: .aboveMaximum("100"))
        }
        self.init(unchecked: enabled, factor: factor)
    }

    /// The factor that sizes thin pools: 1 unless snapshots are enabled.
    public var effectiveFactor: Double { self.enabled ? self.factor : 1 }
}
