import HeketiAPI
import StorageModel
import Testing

@Suite struct ClusterInfoResponseTests {
    typealias F = TopologyFixture

    @Test func clusterEncodesExactly() throws {
        let info = try #require(ClusterInfoResponse(cluster: F.c1, in: F.topology))
        let expected = """
            {"block":true,"blockvolumes":[],"file":true,"id":"\(F.c1)",\
            "nodes":["\(F.n1)","\(F.n2)","\(F.n3)"],\
            "volumes":["\(F.replica3)","\(F.arbiter)","\(F.disperse)"]}
            """
        #expect(try jsonText(info) == expected)
    }

    @Test func flagsAndMembersComeFromTheCluster() throws {
        let info = try #require(ClusterInfoResponse(cluster: F.c2, in: F.topology))
        #expect(!info.block)
        #expect(info.file)
        #expect(info.nodes == [F.n4.description])
        #expect(info.volumes == [F.distribute.description])
    }

    @Test func unknownClusterIsNil() {
        #expect(ClusterInfoResponse(cluster: ClusterID(high: 1, low: 1), in: F.topology) == nil)
    }

    @Test func listsAreSortedById() {
        var topology = Topology()
        let high = ClusterID(high: .max, low: 0)
        let low = ClusterID(high: 1, low: 0)
        topology.insert(Cluster(id: high))
        topology.insert(Cluster(id: low))
        #expect(ClusterListResponse(topology: topology).clusters == [low.description, high.description])
        #expect(ClusterListResponse(topology: F.topology).clusters == [F.c1.description, F.c2.description])
        #expect(
            VolumeListResponse(topology: F.topology).volumes
                == [F.replica3, F.arbiter, F.disperse, F.distribute].map(\.description))
        #expect(VolumeListResponse(topology: Topology()).volumes.isEmpty)
    }
}
