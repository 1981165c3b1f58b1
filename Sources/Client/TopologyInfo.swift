public import HeketiAPI

/// Everything a server holds, cluster by cluster, as `heketi-cli topology info --json` shows it: each cluster with
/// its volumes and its nodes (with devices and bricks) inline rather than as ids.
public struct TopologyInfo: Codable, Hashable, Sendable {
    public var clusters: [Cluster]

    public struct Cluster: Codable, Hashable, Sendable {
        public var id: String
        public var file: Bool
        public var block: Bool
        public var volumes: [VolumeInfoResponse]
        public var nodes: [NodeInfoResponse]
        public var blockvolumes: [String]

        public init(
            id: String, file: Bool, block: Bool, volumes: [VolumeInfoResponse], nodes: [NodeInfoResponse],
            blockvolumes: [String] = []
        ) {
            self.id = id
            self.file = file
            self.block = block
            self.volumes = volumes
            self.nodes = nodes
            self.blockvolumes = blockvolumes
        }
    }

    public init(clusters: [Cluster]) {
        self.clusters = clusters
    }

    /// The node whose management hostname is `hostname`, with its cluster, wherever it is.
    public func node(managedAs hostname: String) -> NodeInfoResponse? {
        for cluster in self.clusters {
            if let node = cluster.nodes.first(where: { $0.hostnames.manage.contains(hostname) }) { return node }
        }
        return nil
    }
}
