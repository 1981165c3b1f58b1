import HeketiAPI

extension HeketiClient {
    /// Reads the whole topology as heketi-cli does: the cluster list, then each cluster, its volumes (those the
    /// volume itself places in the cluster) and its nodes, in the order the server lists them.
    public func topologyInfo() async throws(ClientError) -> TopologyInfo {
        var clusters: [TopologyInfo.Cluster] = []
        for id in try await self.listClusters().clusters {
            let info = try await self.clusterInfo(id)
            var volumes = [VolumeInfoResponse]()
            for volume in info.volumes {
                let found = try await self.volumeInfo(volume)
                if found.cluster == info.id { volumes.append(found) }
            }
            var nodes = [NodeInfoResponse]()
            for node in info.nodes { nodes.append(try await self.nodeInfo(node)) }
            clusters.append(
                TopologyInfo.Cluster(
                    id: info.id, file: info.file, block: info.block, volumes: volumes, nodes: nodes,
                    blockvolumes: info.blockvolumes))
        }
        return TopologyInfo(clusters: clusters)
    }
}
