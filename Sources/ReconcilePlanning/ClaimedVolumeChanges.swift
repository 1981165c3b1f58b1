public import StorageModel

/// What changes in place on a claim's volume: the claim's options set or reset, its gid, and Brickyard's own records
/// (`user.brickyard.*`: the claim's reference, its deletion policy, the keys of its options). Recording the deletion
/// policy when it is edited is what keeps a volume whose claim went from Delete to Retain when the claim is removed.
public struct ClaimedVolumeChanges: Hashable, Sendable {
    /// Options the claim sets or whose value it changed.
    public var set: [VolumeOption] = []
    /// Keys of options the claim set before and no longer does (`gluster volume reset`).
    public var reset: [String] = []
    /// Brickyard's records on the volume, set by Brickyard and never by a claim.
    public var records: [VolumeOption] = []
    /// The group that owns the brick roots, when the claim changes it.
    public var gid: Int64?

    public init(set: [VolumeOption] = [], reset: [String] = [], records: [VolumeOption] = [], gid: Int64? = nil) {
        self.set = set
        self.reset = reset
        self.records = records
        self.gid = gid
    }

    public var isEmpty: Bool {
        self.set.isEmpty && self.reset.isEmpty && self.records.isEmpty && self.gid == nil
    }

    /// `options set a=1, b=2; reset c; gid 1000; records user.brickyard.deletion-policy=retain`.
    public var summary: String {
        var parts: [String] = []
        if !self.set.isEmpty { parts.append("options set " + self.set.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")) }
        if !self.reset.isEmpty { parts.append("reset " + self.reset.joined(separator: ", ")) }
        if let gid = self.gid { parts.append("gid \(gid)") }
        if !self.records.isEmpty {
            parts.append("records " + self.records.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}
