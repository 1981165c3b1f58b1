import HeketiAPI
import Metrics
import StorageModel
import Testing

@Suite struct HeketiGaugesTests {
    typealias F = TopologyFixture
    let samples = HeketiGauges.samples(for: F.topology)

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matches = self.samples.filter { sample in
            sample.name == name && Dictionary(uniqueKeysWithValues: sample.labels.map { ($0.0, $0.1) }) == labels
        }
        return matches.count == 1 ? matches[0].value : nil
    }

    @Test func familiesComeInHeketisOrder() {
        var names: [String] = []
        for sample in self.samples where names.last != sample.name { names.append(sample.name) }
        #expect(
            names == [
                "heketi_up", "heketi_cluster_count", "heketi_volumes_count", "heketi_block_volumes_count",
                "heketi_nodes_count", "heketi_device_count", "heketi_device_size", "heketi_device_free",
                "heketi_device_used", "heketi_device_size_bytes", "heketi_device_free_bytes",
                "heketi_device_used_bytes", "heketi_device_brick_count",
            ])
        // 2 global, 3 per cluster, 1 per node, 7 per device.
        #expect(self.samples.count == 2 + 3 * 2 + 4 + 7 * 5)
    }

    @Test func clusterAndNodeCounts() {
        let c1 = F.c1.description
        let c2 = F.c2.description
        #expect(self.value("heketi_up") == 1)
        #expect(self.value("heketi_cluster_count") == 2)
        #expect(self.value("heketi_volumes_count", ["cluster": c1]) == 3)
        #expect(self.value("heketi_volumes_count", ["cluster": c2]) == 1)
        #expect(self.value("heketi_block_volumes_count", ["cluster": c1]) == 0)
        #expect(self.value("heketi_nodes_count", ["cluster": c1]) == 3)
        #expect(self.value("heketi_nodes_count", ["cluster": c2]) == 1)
        #expect(self.value("heketi_device_count", ["cluster": c1, "hostname": "node1.mgmt"]) == 2)
        #expect(self.value("heketi_device_count", ["cluster": c2, "hostname": "node4.mgmt"]) == 1)
    }

    @Test func deviceGaugesInKiBAndBytes() {
        let d11 = ["cluster": F.c1.description, "hostname": "node1.mgmt", "device": "/dev/sdb"]
        #expect(self.value("heketi_device_size", d11) == 104_857_600)
        #expect(self.value("heketi_device_free", d11) == 82_706_432)
        #expect(self.value("heketi_device_used", d11) == 22_151_168)
        #expect(self.value("heketi_device_size_bytes", d11) == 107_374_182_912)
        #expect(self.value("heketi_device_free_bytes", d11) == 84_691_386_880)
        #expect(self.value("heketi_device_used_bytes", d11) == 22_682_796_032)
        #expect(self.value("heketi_device_brick_count", d11) == 3)
        let d12 = ["cluster": F.c1.description, "hostname": "node1.mgmt", "device": "/dev/sdc"]
        #expect(self.value("heketi_device_brick_count", d12) == 0)
        #expect(self.value("heketi_device_free", d12) == 52_428_800)
    }

    @Test func rendersAsHeketiDoes() {
        let registry = MetricsRegistry()
        let topology = F.topology
        registry.addCollector { HeketiGauges.samples(for: topology) }
        let text = registry.render()
        #expect(text.contains("# HELP heketi_device_size Total size of the device\n# TYPE heketi_device_size gauge\n"))
        #expect(text.contains(#"heketi_device_brick_count{cluster="\#(F.c1)",device="/dev/sdb",hostname="node1.mgmt"} 3"#))
        #expect(text.contains("heketi_up 1\n"))
    }

    @Test func emptyTopologyReportsOnlyTheTotals() {
        #expect(HeketiGauges.samples(for: Topology()).map(\.name) == ["heketi_up", "heketi_cluster_count"])
    }
}
