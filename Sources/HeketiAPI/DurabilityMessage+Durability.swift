public import StorageModel

extension DurabilityMessage {
    /// Heketi has no arbiter durability: an arbiter volume reads as replicate 3, and only the
    /// `user.heketi.arbiter true` option in `glustervolumeoptions` tells it apart.
    public init(_ durability: Durability) {
        switch durability {
        case .distribute:
            self.init(type: durability.typeName)
        case .replicate(let replica):
            self.init(type: durability.typeName, replicate: Replicate(replica: replica))
        case .arbiter:
            self.init(type: durability.typeName, replicate: Replicate(replica: durability.setSize))
        case .disperse(let data, let redundancy):
            self.init(type: durability.typeName, disperse: Disperse(data: data, redundancy: redundancy))
        }
    }
}
