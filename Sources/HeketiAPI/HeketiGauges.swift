public import Metrics
public import StorageModel

/// Heketi's topology gauges (heketi `metrics/metrics.go`), computed from a snapshot at scrape time.
///
/// Names, help texts and labels are Heketi's, so existing dashboards and alerts keep working: device sizes
/// are KiB under the plain names and bytes under the `_bytes` names; `hostname` is the node's manage
/// hostname and `device` the device name, not ids. Labels are in name order, as Heketi's Prometheus
/// client prints them. Heketi's `heketi_operations_*` gauges come from the operation list, not the topology.
public enum HeketiGauges {
    public static func samples(for topology: Topology) -> [GaugeSample] {
        var samples = [
            GaugeSample(name: "heketi_up", help: "Is heketi running?", value: 1),
            GaugeSample(name: "heketi_cluster_count", help: "Number of clusters", value: Double(topology.clusters.count)),
        ]
        let clusters = topology.clusters.keys.sorted()
        let clusterFamilies: [(name: String, help: String, value: (ClusterID) -> Int)] = [
            ("heketi_volumes_count", "Number of volumes on cluster", { topology.volumes(in: $0).count }),
            // Brickyard refuses block-hosting volumes, but dashboards query this gauge.
            ("heketi_block_volumes_count", "Number of block volumes on cluster", { _ in 0 }),
            ("heketi_nodes_count", "Number of nodes on cluster", { topology.nodes(in: $0).count }),
        ]
        for family in clusterFamilies {
            samples += clusters.map { cluster in
                GaugeSample(
                    name: family.name, help: family.help, labels: [("cluster", cluster.description)],
                    value: Double(family.value(cluster)))
            }
        }

        let nodes = clusters.flatMap { topology.nodes(in: $0) }
        samples += nodes.map { node in
            GaugeSample(
                name: "heketi_device_count", help: "Number of devices on host",
                labels: [("cluster", node.cluster.description), ("hostname", node.manageHostname)],
                value: Double(topology.devices(on: node.id).count))
        }

        let devices = nodes.flatMap { node in topology.devices(on: node.id).map { (node: node, device: $0) } }
        for family in Self.deviceFamilies {
            samples += devices.map { node, device in
                GaugeSample(
                    name: family.name, help: family.help,
                    labels: [
                        ("cluster", node.cluster.description), ("device", device.name), ("hostname", node.manageHostname),
                    ],
                    value: family.value(device, topology))
            }
        }
        return samples
    }

    /// Per-device gauges in Heketi's declaration order.
    private static let deviceFamilies: [(name: String, help: String, value: @Sendable (Device, Topology) -> Double)] = [
        ("heketi_device_size", "Total size of the device", { device, _ in Double(device.total.kibibytes) }),
        ("heketi_device_free", "Amount of Free space available on the device", { device, _ in Double(device.free.kibibytes) }),
        ("heketi_device_used", "Amount of space used on the device", { device, _ in Double(device.used.kibibytes) }),
        ("heketi_device_size_bytes", "Total size of the device in bytes", { device, _ in Double(device.total.bytes) }),
        (
            "heketi_device_free_bytes", "Amount of Free space available on the device in bytes",
            { device, _ in Double(device.free.bytes) }
        ),
        ("heketi_device_used_bytes", "Amount of space used on the device in bytes", { device, _ in Double(device.used.bytes) }),
        (
            "heketi_device_brick_count", "Number of bricks on device",
            { device, topology in Double(topology.bricks(on: device.id).count) }
        ),
    ]
}
