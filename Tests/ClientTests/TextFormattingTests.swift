import Client
import HeketiAPI
@testable import Commands
import Testing

/// Text output: aligned tables, human sizes, and the failure-domain layout of a volume's bricks.
@Suite struct TextFormattingTests {
    @Test func tablesAlignColumnsWithoutTrailingBlanks() {
        var table = TextTable(["ID", "NAME", "SIZE"])
        table.add(["a1", "data", "10 GiB"])
        table.add(["b22222", "x", ""])
        #expect(table.lines(indent: "  ") == ["  ID      NAME  SIZE", "  a1      data  10 GiB", "  b22222  x"])
        #expect(FieldList.lines([("Id", "1"), ("Storage hostname", "x")]) == ["Id:               1", "Storage hostname: x"])
    }

    @Test func sizesInHumanUnits() {
        #expect(SizeText.kibibytes(524_288_000) == "500 GiB")
        #expect(SizeText.kibibytes(1536) == "1.5 MiB")
        #expect(SizeText.gibibytes(2048) == "2 TiB")
        #expect(SizeText.tags(["b": "2", "a": "1"]) == "a=1,b=2")
        #expect(SizeText.tags(nil) == "-")
    }

    static func node(_ id: String, zone: Int, host: String, devices: [(String, String)]) -> NodeInfoResponse {
        NodeInfoResponse(
            zone: zone, hostnames: HostnamesMessage(manage: [host], storage: ["10.0.0.\(zone)"]), cluster: "c1", id: id,
            state: "online",
            devices: devices.map {
                DeviceInfoResponse(
                    name: $0.1, id: $0.0, state: "online", storage: StorageMessage(total: 100, free: 50, used: 50),
                    bricks: [], tags: nil)
            }, tags: nil)
    }

    static func volume(arbiter: Bool) -> VolumeInfoResponse {
        let placements = [("n1", "d1"), ("n2", "d2"), ("n3", "d3"), ("n2", "d4"), ("n3", "d3"), ("n1", "d1")]
        return VolumeInfoResponse(
            size: 20, name: "data", durability: DurabilityMessage(type: "replicate", replicate: .init(replica: 3)),
            gid: nil, glustervolumeoptions: arbiter ? ["user.heketi.arbiter true"] : [],
            snapshot: SnapshotMessage(enable: false), id: "v1", cluster: "c1",
            mount: MountMessage(
                glusterfs: .init(device: "10.0.0.1:data", hosts: ["10.0.0.1"], options: ["backup-volfile-servers": "10.0.0.2"])),
            bricks: placements.enumerated().map { index, placement in
                BrickInfoMessage(
                    id: "b\(index)", path: "/bricks/b\(index)", device: placement.1, node: placement.0, volume: "v1",
                    size: 10_485_760)
            })
    }

    static let nodes = [
        "n1": node("n1", zone: 1, host: "node1", devices: [("d1", "/dev/sdb")]),
        "n2": node("n2", zone: 2, host: "node2", devices: [("d2", "/dev/sdb"), ("d4", "/dev/sdc")]),
        "n3": node("n3", zone: 3, host: "node3", devices: [("d3", "/dev/sdb")]),
    ]

    @Test func volumeInfoShowsEachSetsZonesNodesAndDevices() {
        let lines = VolumeText.info(Self.volume(arbiter: false), nodes: Self.nodes)
        #expect(lines.contains("Durability:       replicate 3"))
        #expect(lines.contains("Distribute count: 2"))
        #expect(lines.contains("Mount options:    backup-volfile-servers=10.0.0.2"))
        #expect(lines.contains("Mount with:       mount -t glusterfs 10.0.0.1:/data /mnt/point -o backup-volfile-servers=10.0.0.2"))
        let bricks = Array(lines.drop { $0 != "Bricks:" })
        #expect(bricks == [
            "Bricks:",
            "  SET  ZONE  NODE   DEVICE    SIZE    PATH",
            "  1    1     node1  /dev/sdb  10 GiB  /bricks/b0",
            "  1    2     node2  /dev/sdb  10 GiB  /bricks/b1",
            "  1    3     node3  /dev/sdb  10 GiB  /bricks/b2",
            "  2    2     node2  /dev/sdc  10 GiB  /bricks/b3",
            "  2    3     node3  /dev/sdb  10 GiB  /bricks/b4",
            "  2    1     node1  /dev/sdb  10 GiB  /bricks/b5",
        ])
    }

    /// Heketi's JSON lists the backup volfile servers with commas; mount.glusterfs wants colons.
    @Test func theMountLineIsPasteable() {
        var volume = Self.volume(arbiter: false)
        volume.mount = MountMessage(
            glusterfs: .init(
                device: "10.0.0.1:data", hosts: ["10.0.0.1", "10.0.0.2", "10.0.0.3"],
                options: ["backup-volfile-servers": "10.0.0.2,10.0.0.3"]))
        let lines = VolumeText.info(volume, nodes: Self.nodes)
        #expect(lines.contains("Mount options:    backup-volfile-servers=10.0.0.2:10.0.0.3"))
        #expect(
            VolumeText.mountCommand(volume)
                == "mount -t glusterfs 10.0.0.1:/data /mnt/point -o backup-volfile-servers=10.0.0.2:10.0.0.3")
        #expect(lines.contains("Mount with:       \(VolumeText.mountCommand(volume))"))
        // One server: nothing to back it up, so no -o.
        volume.mount = MountMessage(glusterfs: .init(device: "h1:data", hosts: ["h1"], options: ["backup-volfile-servers": ""]))
        #expect(VolumeText.mountCommand(volume) == "mount -t glusterfs h1:/data /mnt/point")
    }

    @Test func arbiterBricksAreMarked() {
        let volume = Self.volume(arbiter: true)
        #expect(VolumeText.durability(volume) == "arbiter (replica 3, arbiter 1)")
        let rows = VolumeText.layout(volume, nodes: Self.nodes)
        #expect(rows[3].contains("10 GiB (arbiter)"))
        #expect(rows[6].contains("10 GiB (arbiter)"))
        #expect(!rows[1].contains("arbiter"))
    }

    @Test func unknownNodesFallBackToIDs() {
        let rows = VolumeText.layout(Self.volume(arbiter: false), nodes: [:])
        #expect(rows[1].hasPrefix("  1    ?     n1    d1"))
    }

    @Test func durabilityNames() {
        var volume = Self.volume(arbiter: false)
        volume.durability = DurabilityMessage(type: "disperse", disperse: .init(data: 4, redundancy: 2))
        #expect(VolumeText.durability(volume) == "disperse 4+2")
        #expect(VolumeText.setSize(volume) == 6)
        volume.durability = DurabilityMessage(type: "none")
        #expect(VolumeText.durability(volume) == "none")
        #expect(VolumeText.setSize(volume) == 1)
    }

    @Test func nodeListAndDeviceTable() {
        let lines = NodeText.list([Self.nodes["n2"]!])
        #expect(lines == [
            "ID  CLUSTER  ZONE  STATE   MANAGE  STORAGE   DEVICES  FREE",
            "n2  c1       2     online  node2   10.0.0.2  2        100 KiB",
        ])
        #expect(NodeText.list([]) == ["No nodes."])
        #expect(ClusterText.list([]) == ["No clusters."])
    }

    @Test func topologyLoadLines() {
        #expect(TopologyText.event(TopologyLoadEvent(kind: .cluster, outcome: .created, id: "c1")) == "Cluster c1: created")
        #expect(
            TopologyText.event(TopologyLoadEvent(kind: .node, outcome: .found, name: "node1", id: "n1", parent: "c1"))
                == "  Node node1 (n1): found, left as it is")
        #expect(
            TopologyText.event(
                TopologyLoadEvent(kind: .device, outcome: .failed, name: "/dev/sdx", parent: "n1", message: "busy"))
                == "    Device /dev/sdx: failed: busy")
        #expect(
            TopologyText.summary([
                TopologyLoadEvent(kind: .cluster, outcome: .found), TopologyLoadEvent(kind: .node, outcome: .created),
            ]) == "Topology loaded: 1 created, 1 already present, 0 failed")
    }
}
