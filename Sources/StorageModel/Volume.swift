/// A GlusterFS volume: a size, a durability shape, and the brick sets that realise it.
public struct Volume: Hashable, Sendable, Codable {
    public var id: VolumeID
    public var name: String
    public var cluster: ClusterID
    /// The usable size the user asked for (grown by expansions).
    public var size: ByteCount
    public var durability: Durability
    public var snapshot: SnapshotSettings
    /// Group owning the brick roots (`chown :gid`, mode 2775), if set.
    public var gid: Int64?
    /// Gluster options as `key value` pairs, applied with `gluster volume set`.
    public var options: [VolumeOption]
    /// Bricks grouped in sets of `durability.setSize`; Gluster's order within a set matters (arbiter last).
    public var brickSets: [[BrickID]]

    public init(
        id: VolumeID, name: String, cluster: ClusterID, size: ByteCount, durability: Durability,
        snapshot: SnapshotSettings = .disabled, gid: Int64? = nil, options: [VolumeOption] = [],
        brickSets: [[BrickID]] = []
    ) {
        self.id = id
        self.name = name
        self.cluster = cluster
        self.size = size
        self.durability = durability
        self.snapshot = snapshot
        self.gid = gid
        self.options = options
        self.brickSets = brickSets
    }

    /// Heketi's default name for a volume created without one.
    public static func defaultName(for id: VolumeID) -> String { "vol_\(id)" }

    /// Long enough for generated names (`vol_` + 32 hex) and Kubernetes PV names; Gluster itself caps near 256.
    public static let maximumNameLength = 128
    public static let maximumGid: Int64 = (1 << 31) - 1

    /// Names use `[a-zA-Z0-9_-]`, as Heketi requires, up to `maximumNameLength` characters.
    public static func validate(name: String) throws(ValidationError) {
        guard !name.isEmpty else { throw ValidationError(field: "name", value: name, problem: .required) }
        guard name.utf8.count <= Self.maximumNameLength else {
            throw ValidationError(field: "name", value: name, problem: .tooLong(maximum: Self.maximumNameLength))
        }
        guard CharacterRules.allBytes(of: name, alphanumericOr: "_-") else {
            throw ValidationError(field: "name", value: name, problem: .invalidCharacters(allowed: "^[a-zA-Z0-9_-]+$"))
        }
    }

    /// A gid must lie in [0, 2^31).
    public static func validate(gid: Int64) throws(ValidationError) {
        guard gid >= 0 else { throw ValidationError(field: "gid", value: String(gid), problem: .belowMinimum("0")) }
        guard gid <= Self.maximumGid else {
            throw ValidationError(field: "gid", value: String(gid), problem: .aboveMaximum(String(Self.maximumGid)))
        }
    }

    /// Volumes are at least 1 GiB (Heketi's minimum brick size makes anything smaller impossible).
    public static func validate(size: ByteCount, field: String = "size") throws(ValidationError) {
        guard size >= .gibibytes(1) else {
            throw ValidationError(field: field, value: size.description, problem: .belowMinimum("1 GiB"))
        }
    }
}

/// One `gluster volume set` option, e.g. `performance.read-ahead off`.
public struct VolumeOption: Hashable, Sendable, Codable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Parses Heketi's `"key value"` form; the value may contain spaces.
    public init(parsing text: String, field: String = "glustervolumeoptions") throws(ValidationError) {
        let trimmed = text.trimmingSpaces()
        guard let space = trimmed.firstIndex(of: " ") else {
            throw ValidationError(field: field, value: text, problem: .invalidCharacters(allowed: "\"<key> <value>\""))
        }
        let key = String(trimmed[..<space])
        let value = String(trimmed[trimmed.index(after: space)...]).trimmingSpaces()
        guard !value.isEmpty, CharacterRules.allBytes(of: key, alphanumericOr: "_.-") else {
            throw ValidationError(field: field, value: text, problem: .invalidCharacters(allowed: "\"<key> <value>\""))
        }
        self.init(key: key, value: value)
    }

    public var description: String { "\(self.key) \(self.value)" }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
