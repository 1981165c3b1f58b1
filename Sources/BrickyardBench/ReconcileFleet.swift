import DesiredState
import ReconcilePlanning
import StorageModel

/// A large fleet as the reconcile benchmark needs it, built directly (no allocator, no store): the documents
/// (nodes with devices, replica-3 volume claims), a topology in which all of it already exists, and an
/// observation of the nodes that matches that topology exactly.
struct ReconcileFleet {
    var nodes: Int
    var devicesPerNode: Int
    var claims: Int
    var claimSize: ByteCount = .gibibytes(10)
    var deviceSize: ByteCount = .tebibytes(4)

    static let cluster = ClusterID(high: 0xc, low: 1)

    func hostname(_ node: Int) -> String { "node\(node).bench" }
    func storageHostname(_ node: Int) -> String { "storage\(node).bench" }
    func deviceName(_ slot: Int) -> String { "/dev/sd" + String(Array("bcdefghijklmnopqrstuvwxyz")[slot % 25]) }
    func nodeID(_ node: Int) -> NodeID { NodeID(high: 0xa, low: UInt64(node + 1)) }
    func deviceID(_ node: Int, _ slot: Int) -> DeviceID {
        DeviceID(high: 0xd, low: UInt64(node * self.devicesPerNode + slot + 1))
    }

    /// The documents: one cluster of every node and device, and `claims` claims, of which every `growEvery`-th
    /// asks for twice its size (nil: none grows).
    func desired(growEvery: Int? = nil) -> DesiredState {
        let location = SourceLocation(file: "topology.json", line: 1, column: 1)
        let nodes = (0..<self.nodes).map { node in
            DesiredNode(
                manageHostname: self.hostname(node), storageHostname: self.storageHostname(node), zone: 1 + node % 3,
                devices: (0..<self.devicesPerNode).map { DesiredDevice(name: self.deviceName($0), location: location) },
                location: location)
        }
        let claims = (0..<self.claims).map { index in
            var claim = self.claim(index)
            if let growEvery, index % growEvery == 0 { claim.size = self.claimSize * 2 }
            return claim
        }
        return DesiredState(clusters: [DesiredCluster(nodes: nodes, location: location)], claims: claims)
    }

    func claim(_ index: Int) -> VolumeClaim {
        VolumeClaim(
            name: "app\(index)", size: self.claimSize, durability: .replicate(3),
            location: SourceLocation(file: "claims/app\(index).yaml", line: 1, column: 1))
    }

    /// Where the bricks of claim `index` live: three consecutive nodes (so three zones), one device slot.
    func placement(_ index: Int) -> (nodes: [Int], slot: Int) {
        let first = (index * 3) % self.nodes
        return ((0..<3).map { (first + $0) % self.nodes }, index % self.devicesPerNode)
    }

    /// Everything the documents ask for, already made: each claim's volume carries the claim's options, as an
    /// apply leaves it, and three bricks.
    func topology() -> Topology {
        var topology = Topology()
        topology.insert(Cluster(id: Self.cluster))
        for node in 0..<self.nodes {
            topology.insert(
                Node(
                    id: self.nodeID(node), cluster: Self.cluster, zone: 1 + node % 3,
                    manageHostname: self.hostname(node), storageHostname: self.storageHostname(node)))
            for slot in 0..<self.devicesPerNode {
                topology.insert(
                    Device(id: self.deviceID(node, slot), node: self.nodeID(node), name: self.deviceName(slot), total: self.deviceSize))
            }
        }
        for index in 0..<self.claims {
            let id = VolumeID(high: 0xe, low: UInt64(index + 1))
            let (nodes, slot) = self.placement(index)
            var bricks: [BrickID] = []
            for (member, node) in nodes.enumerated() {
                let brick = BrickID(high: 0xb, low: UInt64(index * 3 + member + 1))
                let device = self.deviceID(node, slot)
                topology.insert(
                    Brick(
                        id: brick, volume: id, device: device, node: self.nodeID(node), size: self.claimSize,
                        reserved: self.claimSize,
                        path: BrickLocation.LVM(device: device, brick: brick, mountRoot: BrickLocation.heketiMountRoot).path))
                bricks.append(brick)
            }
            let claim = self.claim(index)
            let spec = ReconcilePlanner.volumeSpec(
                for: claim, reference: ClaimReference(source: ClaimReference.directory, name: claim.name),
                cluster: Self.cluster)
            topology.insert(
                Volume(
                    id: id, name: "app\(index)", cluster: Self.cluster, size: spec.size, durability: spec.durability,
                    options: spec.options + [VolumeOption(key: "user.heketi.id", value: id.description)],
                    brickSets: [bricks]))
        }
        return topology
    }

    /// What the nodes would report for `topology`: every peer connected, every volume group its stored size,
    /// every volume started with its options and its bricks online. Only what the drift detector reads is filled.
    func observed(_ topology: Topology) -> ObservedState {
        let peers = (0..<self.nodes).map { node in
            ObservedState.Peer(
                uuid: "00000000-0000-0000-0000-\(String(node, radix: 16))", hostname: self.storageHostname(node),
                connected: true, state: "Peer in Cluster")
        }
        let nodes = (0..<self.nodes).map { node in
            var observed = ObservedState.Node(host: self.hostname(node))
            observed.peers = peers.enumerated().filter { $0.offset != node }.map(\.element)
            observed.volumeGroups = topology.devices(on: self.nodeID(node)).map {
                ObservedState.VolumeGroup(
                    name: BrickLocation.LVM.volumeGroup(of: $0.id), size: $0.total.bytes, free: $0.free.bytes)
            }
            return observed
        }
        let volumes = topology.volumes.values.sorted { $0.name < $1.name }.map { volume in
            ObservedState.Volume(
                name: volume.name, id: volume.id.description, status: "started", type: "Replicate",
                bricks: volume.brickSets.joined().compactMap { id in
                    topology.bricks[id].flatMap { brick in
                        topology.nodes[brick.node].map {
                            ObservedState.Brick(address: "\($0.storageHostname):\(brick.path)", online: true, port: 49152)
                        }
                    }
                },
                options: Dictionary(
                    (volume.options + [VolumeOption(key: "user.brickyard.size", value: String(volume.size.bytes))])
                        .map { ($0.key, $0.value) },
                    uniquingKeysWith: { _, last in last }),
                heketiID: volume.id.description)
        }
        return ObservedState(nodes: nodes, volumes: volumes, volumesFrom: self.hostname(0))
    }
}
