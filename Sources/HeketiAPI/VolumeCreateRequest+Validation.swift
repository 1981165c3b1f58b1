public import StorageModel

extension VolumeCreateRequest {
    /// Heketi's defaults for a disperse volume without data or redundancy counts.
    public static let defaultDisperse = (data: 4, redundancy: 2)
    /// Sizes arrive in GiB; this keeps the byte count well inside `Int64`.
    public static let maximumSizeGiB: Int64 = 1 << 32

    /// Checks the request as Heketi does and converts it to a `VolumeSpec`: sizes from GiB to bytes,
    /// an empty durability type meaning distribute, replicate without a count meaning 2, and
    /// `user.heketi.arbiter true` turning replica 3 into replica 3 arbiter 1.
    public func validated() throws(ValidationError) -> VolumeSpec {
        guard self.size >= 1 else {
            throw ValidationError(field: "size", value: String(self.size), problem: .belowMinimum("1"))
        }
        guard self.size <= Self.maximumSizeGiB, let bytes = ByteCount.exactly(self.size, unit: ByteCount.gibibyte) else {
            throw ValidationError(field: "size", value: String(self.size), problem: .aboveMaximum(String(Self.maximumSizeGiB)))
        }
        if let name = self.name, !name.isEmpty { try Volume.validate(name: name) }
        if let gid = self.gid { try Volume.validate(gid: gid) }
        if self.block == true {
            throw ValidationError(field: "block", value: "true", problem: .unsupported("block-hosting volumes"))
        }
        var options: [VolumeOption] = []
        for (index, text) in (self.glustervolumeoptions ?? []).enumerated() {
            options.append(try VolumeOption(parsing: text, field: "glustervolumeoptions[\(index)]"))
        }
        var clusters: [ClusterID] = []
        for text in self.clusters ?? [] { clusters.append(try ClusterID(parsing: text)) }
        let wantsArbiter = options.last(where: { $0.key == "user.heketi.arbiter" })?.value.lowercased() == "true"
        let durability = try Self.durability(from: self.durability, arbiter: wantsArbiter)
        let snapshot: SnapshotSettings
        if self.snapshot?.enable == true {
            snapshot = try SnapshotSettings(enabled: true, factor: self.snapshot?.factor ?? SnapshotSettings.defaultFactor)
        } else {
            snapshot = .disabled
        }
        return VolumeSpec(
            name: self.name?.isEmpty == false ? self.name : nil, size: bytes, durability: durability,
            snapshot: snapshot, gid: self.gid, options: options, clusters: clusters)
    }

    static func durability(from message: DurabilityMessage?, arbiter: Bool) throws(ValidationError) -> Durability {
        switch message?.type ?? "" {
        case "", "none", "distribute":
            if arbiter {
                throw ValidationError(
                    field: "user.heketi.arbiter", value: "true", problem: .unsupported("arbiter needs replicate 3"))
            }
            return .distribute
        case "replicate":
            let replica = message?.replicate?.replica ?? 0
            let durability = try Durability.replicate(validating: replica == 0 ? 2 : replica)
            if arbiter {
                guard durability == .replicate(3) else {
                    throw ValidationError(
                        field: "user.heketi.arbiter", value: "true", problem: .unsupported("arbiter needs replica 3"))
                }
                return .arbiter
            }
            return durability
        case "disperse":
            if arbiter {
                throw ValidationError(
                    field: "user.heketi.arbiter", value: "true", problem: .unsupported("arbiter needs replicate 3"))
            }
            let data = message?.disperse?.data ?? 0
            let redundancy = message?.disperse?.redundancy ?? 0
            return try Durability.disperse(
                validatingData: data == 0 ? Self.defaultDisperse.data : data,
                redundancy: redundancy == 0 ? Self.defaultDisperse.redundancy : redundancy)
        case let other:
            throw ValidationError(field: "durability.type", value: other, problem: .notOneOf(["none", "replicate", "disperse"]))
        }
    }
}
