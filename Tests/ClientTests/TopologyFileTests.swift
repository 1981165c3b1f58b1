import Client
import Foundation
import Testing

/// heketi-cli's topology file: devices as paths or objects, mistakes named by their place.
@Suite struct TopologyFileTests {
    @Test func bothDeviceSpellings() throws {
        let file = try TopologyFile.parse(
            Data(
                #"""
                {"clusters":[{"nodes":[{"node":{"hostnames":{"manage":["n1"],"storage":["10.0.0.1"]},"zone":1,"tags":{"rack":"a"}},
                 "devices":["/dev/sdb",{"name":"/dev/sdc","destroydata":true,"tags":{"ssd":"yes"}}]}],"block":false}]}
                """#.utf8))
        let cluster = try #require(file.clusters.first)
        #expect(cluster.block == false)
        #expect(cluster.nodes[0].node.tags == ["rack": "a"])
        #expect(cluster.nodes[0].devices == [
            TopologyFile.DeviceEntry(name: "/dev/sdb"),
            TopologyFile.DeviceEntry(name: "/dev/sdc", destroydata: true, tags: ["ssd": "yes"]),
        ])
    }

    @Test(arguments: [
        (#"{"clusters":[{"nodes":[{"node":{"zone":1},"devices":[]}]}]}"#, "missing clusters[0].nodes[0].node.hostnames"),
        (#"{"clusters":[{"nodes":[{"node":{"hostnames":{"manage":[],"storage":[]},"zone":1},"devices":[]}]}]}"#,
         "clusters[0].nodes[0].node.hostnames.manage is empty"),
        ("{", "not valid JSON"),
        (#"{"nodes":[]}"#, "missing clusters"),
    ])
    func mistakes(text: String, message: String) {
        #expect(throws: TopologyFileError(message: message)) { try TopologyFile.parse(Data(text.utf8)) }
    }

    @Test func existingClustersAreFoundByAnyNodesHostname() {
        let topology = TopologyInfo(clusters: [
            TopologyInfo.Cluster(
                id: "c1", file: true, block: true, volumes: [],
                nodes: [TextFormattingTests.node("n1", zone: 1, host: "node1", devices: [])])
        ])
        let entry = { (host: String) in
            TopologyFile.NodeEntry(
                node: TopologyFile.Node(hostnames: .init(manage: [host], storage: ["x"]), zone: 1), devices: [])
        }
        #expect(TopologyLoader.existingCluster(for: .init(nodes: [entry("node9"), entry("node1")]), in: topology) == "c1")
        #expect(TopologyLoader.existingCluster(for: .init(nodes: [entry("node9")]), in: topology) == nil)
    }
}
