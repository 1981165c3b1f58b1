public import StorageModel

extension MountMessage {
    /// Mount details as Heketi v10 builds them (`updateMountInfo`): the storage hostnames of every node in the
    /// volume's cluster, in node-id order, whether or not the node holds one of the volume's bricks, since any
    /// peer serves the volfile. The first host is the mount server, the others are backup volfile servers.
    public init(volume: Volume, in topology: Topology) {
        let hosts = topology.nodeIDs(in: volume.cluster).compactMap { topology.nodes[$0]?.storageHostname }
        self.init(
            glusterfs: GlusterFS(
                device: hosts.first.map { "\($0):\(volume.name)" } ?? volume.name,
                hosts: hosts,
                options: ["backup-volfile-servers": hosts.dropFirst().joined(separator: ",")]))
    }
}
