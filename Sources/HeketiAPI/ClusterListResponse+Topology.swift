public import StorageModel

extension ClusterListResponse {
    /// `GET /clusters`: every cluster id, sorted as Heketi's database lists its keys.
    public init(topology: Topology) {
        self.init(clusters: topology.clusters.keys.sorted().map(\.description))
    }
}
