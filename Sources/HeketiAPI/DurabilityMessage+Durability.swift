public import StorageModel

extension DurabilityMessage {
    /// Heketi has no arbiter durability: an arbiter volume reads as replicate 3, and only the
    /// `user.heketi.arbiter true` option in `glustervolumeoptions` tells it apart. Both sub-objects are always
    /// there, the one that does not apply empty (`"disperse":{}`), as Heketi echoes them.
    public init(_ durability: Durability) {
        let noReplica = Replicate(replica: nil)
        let noDisperse = Disperse(data: nil, redundancy: nil)
        switch durability {
        case .distribute:
            self.init(type: durability.typeName, replicate: noReplica, disperse: noDisperse)
        case .replicate(let replica):
            self.init(type: durability.typeName, replicate: Replicate(replica: replica), disperse: noDisperse)
        case .arbiter:
            self.init(type: durability.typeName, replicate: Replicate(replica: durability.setSize), disperse: noDisperse)
        case .disperse(let data, let redundancy):
            self.init(
                type: durability.typeName, replicate: noReplica, disperse: Disperse(data: data, redundancy: redundancy))
        }
    }
}
