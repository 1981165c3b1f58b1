import HeketiAPI

extension HeketiClient {
    /// Reads the whole topology: the cluster list, then each cluster, its nodes and its volumes, in the order the
    /// server lists them.
    public func topologyInfo() async throws(ClientError) -> TopologyInfo {
        var clusters: [TopologyInfo.Cluster] = []
        for id in try await self.listClusters().clusters {
            let info = try await self.clusterInfo(id)
            var nodes = [NodeInfoResponse]()
            for node in info.nodes { nodes.append(try await self.nodeInfo(node)) }
            var volumes = [VolumeInfoResponse]()
            for volume in info.volumes { volumes.append(try await self.volumeInfo(volume)) }
            clusters.append(
                TopologyInfo.Cluster(
                    id: info.id, file: info.file, block: info.block, volumes: volumes, nodes: nodes,
                    blockvolumes: info.blockvolumes))
        }
        return TopologyInfo(clusters: clusters)
    }
}
