public import StorageModel

/// A compact, array-based view of one cluster's capacity: zones, nodes and devices with their free space.
///
/// Building it costs one pass over the cluster; after that a placement touches only flat arrays, which is
/// what keeps placement well under a millisecond on thousands of devices. A long-lived caller (the server)
/// can keep one and `record` placements into it instead of rebuilding it for each request.
public struct ClusterCapacity: Sendable {
    public let cluster: ClusterID
    public private(set) var volumeCount: Int

    // Devices (index d)
    var deviceIDs: [DeviceID] = []
    var deviceNode: [Int] = []
    var deviceFree: [Int64] = []
    var deviceTotal: [Int64] = []
    /// Node tags overlaid by device tags, for tag rules.
    var deviceTags: [Tags] = []
    /// Device and its node are online: only these take bricks.
    var deviceUsable: [Bool] = []
    var deviceIndex: [DeviceID: Int] = [:]
    /// Usable devices that may hold data bricks, and arbiter bricks, before any request's tag rules.
    var dataBase: [Bool] = []
    var arbiterBase: [Bool] = []

    // Nodes (index n)
    var nodeIDs: [NodeID] = []
    var nodeZone: [Int] = []
    var nodeFree: [Int64] = []
    var nodeTotal: [Int64] = []
    /// Per node, the most free space on one device in `dataBase`, kept current by `take`.
    var nodeLargestData: [Int64] = []
    /// The node's devices are `nodeDevices[n]`, a contiguous range of device indices.
    var nodeDevices: [Range<Int>] = []

    // Zones (index z)
    var zoneNumbers: [Int] = []
    var zoneFree: [Int64] = []
    var zoneTotal: [Int64] = []

    /// Builds the view of `cluster` from a topology snapshot; objects are visited in id order.
    public init(cluster: ClusterID, in topology: Topology) {
        self.cluster = cluster
        self.volumeCount = topology.volumes(in: cluster).count
        var zoneIndex: [Int: Int] = [:]
        let nodes = topology.nodes(in: cluster)
        for node in nodes.sorted(by: { ($0.zone, $0.id) < ($1.zone, $1.id) }) {
            let zone: Int
            if let known = zoneIndex[node.zone] {
                zone = known
            } else {
                zone = self.zoneNumbers.count
                zoneIndex[node.zone] = zone
                self.zoneNumbers.append(node.zone)
                self.zoneFree.append(0)
                self.zoneTotal.append(0)
            }
            let nodeIndex = self.nodeIDs.count
            self.nodeIDs.append(node.id)
            self.nodeZone.append(zone)
            self.nodeFree.append(0)
            self.nodeTotal.append(0)
            let firstDevice = self.deviceIDs.count
            defer {
                self.nodeDevices.append(firstDevice..<self.deviceIDs.count)
                self.nodeLargestData.append(self.largestData(on: nodeIndex))
            }
            for device in topology.devices(on: node.id) {
                let usable = node.state == .online && device.state == .online
                let tags = node.tags.overlaid(by: device.tags)
                self.deviceIndex[device.id] = self.deviceIDs.count
                self.deviceIDs.append(device.id)
                self.deviceNode.append(nodeIndex)
                self.deviceFree.append(max(0, device.free.bytes))
                self.deviceTotal.append(device.total.bytes)
                self.deviceTags.append(tags)
                self.deviceUsable.append(usable)
                let arbiter = ArbiterTag(tags["arbiter"])
                // Heketi: data bricks avoid devices reserved for arbiters; arbiters avoid devices that refuse them.
                self.dataBase.append(usable && arbiter != .required)
                self.arbiterBase.append(usable && arbiter != .disabled)
                if usable {
                    self.nodeFree[nodeIndex] += max(0, device.free.bytes)
                    self.nodeTotal[nodeIndex] += device.total.bytes
                    self.zoneFree[zone] += max(0, device.free.bytes)
                    self.zoneTotal[zone] += device.total.bytes
                }
            }
        }
    }

    /// Free space on usable devices.
    public var freeSpace: ByteCount { ByteCount(bytes: self.zoneFree.reduce(0, +)) }
    /// Capacity of usable devices.
    public var totalSpace: ByteCount { ByteCount(bytes: self.zoneTotal.reduce(0, +)) }

    /// Free space per device, in id order of nodes then devices (for balance statistics).
    public var devices: [(id: DeviceID, free: ByteCount, total: ByteCount)] {
        self.deviceIDs.indices.map {
            (self.deviceIDs[$0], ByteCount(bytes: self.deviceFree[$0]), ByteCount(bytes: self.deviceTotal[$0]))
        }
    }

    /// Takes a placement's space out of the view, as the store does when it records the bricks.
    public mutating func record(_ placement: Placement) {
        for brick in placement.bricks {
            guard let device = self.deviceIndex[brick.device] else { continue }
            self.take(brick.space.reserved.bytes, from: device)
        }
        self.volumeCount += 1
    }

    mutating func take(_ bytes: Int64, from device: Int) {
        let node = self.deviceNode[device]
        self.deviceFree[device] -= bytes
        if self.deviceUsable[device] {
            self.nodeFree[node] -= bytes
            self.zoneFree[self.nodeZone[node]] -= bytes
        }
        self.nodeLargestData[node] = self.largestData(on: node)
    }

    private func largestData(on node: Int) -> Int64 {
        var largest: Int64 = 0
        for device in self.nodeDevices[node] where self.dataBase[device] {
            largest = max(largest, self.deviceFree[device])
        }
        return largest
    }
}

/// A device's `arbiter` tag: whether it may, must or must not hold arbiter bricks.
enum ArbiterTag: Sendable {
    case required, supported, disabled

    init(_ value: String?) {
        switch value {
        case "required": self = .required
        case "disabled": self = .disabled
        default: self = .supported
        }
    }
}
