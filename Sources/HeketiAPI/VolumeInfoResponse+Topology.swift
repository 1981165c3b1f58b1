public import StorageModel

extension VolumeInfoResponse {
    /// `GET /volumes/{id}` from a snapshot, or nil for an unknown volume.
    public init?(volume id: VolumeID, in topology: Topology) {
        guard let volume = topology.volumes[id] else { return nil }
        self.init(volume: volume, in: topology)
    }

    /// The volume's info: size in whole GiB, bricks in set order (so replica sets read off in groups of
    /// `durability.setSize`, arbiter last), brick sizes in KiB.
    public init(volume: Volume, in topology: Topology) {
        self.init(
            size: volume.size.gibibytes,
            name: volume.name,
            durability: DurabilityMessage(volume.durability),
            gid: volume.gid,
            glustervolumeoptions: Self.glusterVolumeOptions(of: volume),
            snapshot: SnapshotMessage(volume.snapshot),
            id: volume.id.description,
            cluster: volume.cluster.description,
            mount: MountMessage(volume: volume, in: topology),
            bricks: topology.bricks(of: volume).joined().map(BrickInfoMessage.init(brick:)))
    }

    static let arbiterOption = VolumeOption(key: "user.heketi.arbiter", value: "true")

    /// The stored options as `key value`, in order. Heketi does not list the `user.heketi.id` it sets on the
    /// Gluster volume, so neither do we; but an arbiter volume always shows `user.heketi.arbiter true`, the
    /// only mark that separates it from replica 3 in Heketi's format.
    static func glusterVolumeOptions(of volume: Volume) -> [String] {
        var options = volume.options
        if volume.durability == .arbiter, !options.contains(where: { $0.key == Self.arbiterOption.key }) {
            options.append(Self.arbiterOption)
        }
        return options.map(\.description)
    }
}
