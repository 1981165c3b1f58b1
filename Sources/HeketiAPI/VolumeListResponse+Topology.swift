public import StorageModel

extension VolumeListResponse {
    /// `GET /volumes`: every volume id across clusters, sorted as Heketi's database lists its keys.
    public init(topology: Topology) {
        self.init(volumes: topology.volumes.keys.sorted().map(\.description))
    }
}
