/// A consistent snapshot of everything Brickyard knows: clusters, nodes, devices, bricks and volumes.
///
/// The allocator and planner take a `Topology` as input and never read a store themselves, which keeps
/// them pure. Children are indexed by parent so lookups stay proportional to what is asked for.
public struct Topology: Hashable, Sendable {
    public private(set) var clusters: [ClusterID: Cluster] = [:]
    public private(set) var nodes: [NodeID: Node] = [:]
    public private(set) var devices: [DeviceID: Device] = [:]
    public private(set) var bricks: [BrickID: Brick] = [:]
    public private(set) var volumes: [VolumeID: Volume] = [:]

    private var nodesByCluster: [ClusterID: SortedIdentifiers<NodeKind>] = [:]
    private var devicesByNode: [NodeID: SortedIdentifiers<DeviceKind>] = [:]
    private var bricksByDevice: [DeviceID: SortedIdentifiers<BrickKind>] = [:]
    private var volumesByCluster: [ClusterID: SortedIdentifiers<VolumeKind>] = [:]

    public init() {}

    // MARK: Queries (results sorted by id, so iteration order never depends on hashing)

    public func nodes(in cluster: ClusterID) -> [Node] {
        self.nodeIDs(in: cluster).compactMap { self.nodes[$0] }
    }

    public func nodeIDs(in cluster: ClusterID) -> [NodeID] {
        self.nodesByCluster[cluster]?.elements ?? []
    }

    public func devices(on node: NodeID) -> [Device] {
        (self.devicesByNode[node]?.elements ?? []).compactMap { self.devices[$0] }
    }

    public func bricks(on device: DeviceID) -> [Brick] {
        (self.bricksByDevice[device]?.elements ?? []).compactMap { self.bricks[$0] }
    }

    public func volumes(in cluster: ClusterID) -> [Volume] {
        (self.volumesByCluster[cluster]?.elements ?? []).compactMap { self.volumes[$0] }
    }

    public func bricks(of volume: Volume) -> [[Brick]] {
        volume.brickSets.map { set in set.compactMap { self.bricks[$0] } }
    }

    // MARK: Mutations (callers insert parents before children)

    public mutating func insert(_ cluster: Cluster) {
        self.clusters[cluster.id] = cluster
    }

    public mutating func insert(_ node: Node) {
        if let old = self.nodes[node.id] { self.nodesByCluster[old.cluster]?.remove(node.id) }
        self.nodes[node.id] = node
        self.nodesByCluster[node.cluster, default: SortedIdentifiers()].insert(node.id)
    }

    public mutating func insert(_ device: Device) {
        if let old = self.devices[device.id] { self.devicesByNode[old.node]?.remove(device.id) }
        self.devices[device.id] = device
        self.devicesByNode[device.node, default: SortedIdentifiers()].insert(device.id)
    }

    /// Adds or replaces a brick and keeps its device's `used` in step with the space the brick reserves.
    public mutating func insert(_ brick: Brick) {
        if let old = self.bricks[brick.id] {
            self.bricksByDevice[old.device]?.remove(brick.id)
            self.devices[old.device]?.used -= old.reserved
        }
        self.bricks[brick.id] = brick
        self.bricksByDevice[brick.device, default: SortedIdentifiers()].insert(brick.id)
        self.devices[brick.device]?.used += brick.reserved
    }

    public mutating func insert(_ volume: Volume) {
        if let old = self.volumes[volume.id] { self.volumesByCluster[old.cluster]?.remove(volume.id) }
        self.volumes[volume.id] = volume
        self.volumesByCluster[volume.cluster, default: SortedIdentifiers()].insert(volume.id)
    }

    @discardableResult
    public mutating func removeBrick(_ id: BrickID) -> Brick? {
        guard let brick = self.bricks.removeValue(forKey: id) else { return nil }
        self.bricksByDevice[brick.device]?.remove(id)
        self.devices[brick.device]?.used -= brick.reserved
        return brick
    }

    @discardableResult
    public mutating func removeVolume(_ id: VolumeID) -> Volume? {
        guard let volume = self.volumes.removeValue(forKey: id) else { return nil }
        self.volumesByCluster[volume.cluster]?.remove(id)
        return volume
    }

    @discardableResult
    public mutating func removeDevice(_ id: DeviceID) -> Device? {
        guard let device = self.devices.removeValue(forKey: id) else { return nil }
        self.devicesByNode[device.node]?.remove(id)
        self.bricksByDevice.removeValue(forKey: id)
        return device
    }

    @discardableResult
    public mutating func removeNode(_ id: NodeID) -> Node? {
        guard let node = self.nodes.removeValue(forKey: id) else { return nil }
        self.nodesByCluster[node.cluster]?.remove(id)
        self.devicesByNode.removeValue(forKey: id)
        return node
    }

    @discardableResult
    public mutating func removeCluster(_ id: ClusterID) -> Cluster? {
        self.nodesByCluster.removeValue(forKey: id)
        self.volumesByCluster.removeValue(forKey: id)
        return self.clusters.removeValue(forKey: id)
    }
}
