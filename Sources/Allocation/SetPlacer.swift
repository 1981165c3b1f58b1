internal import StorageModel

/// Places brick sets one at a time into a working copy of a cluster's capacity.
///
/// Each brick goes to the best eligible device that fits and whose node is not already in the set. "Best"
/// compares, in order: a zone not yet in the set (mandatory under strict checking), the zone's and then the
/// node's `fitScore`, a seeded hash of the node id, and within the node the device's `fitScore` and a seeded
/// hash of its id. A pick scans nodes, not devices: each node keeps the largest free space among its
/// eligible devices, so a placement costs one pass over the devices to set up and O(nodes) per brick.
struct SetPlacer {
    private(set) var capacity: ClusterCapacity
    private var dataEligible: [Bool]
    private var arbiterEligible: [Bool]
    /// Per node, the most free space on one eligible device (0 when none); when the request has no tag
    /// rules and excludes no device, the capacity view's own running maximum is used instead.
    private var dataLargest: [Int64]
    private var arbiterLargest: [Int64]
    private let ownsDataLargest: Bool
    private let usesArbiter: Bool
    private let strictZones: Bool
    private let deviceThreshold: Double
    private let groupThreshold: Double
    private let seed: UInt64
    private let nodeRank: [UInt64]
    private var nodeStamp: [Int]
    private var zoneStamp: [Int]
    private var stamp = 0
    private var zoneScore: [Int64]

    init(
        capacity: ClusterCapacity, eligibility: Eligibility, usesArbiter: Bool, strictZones: Bool,
        policy: AllocationPolicy, excludedDevice: Int? = nil
    ) {
        self.capacity = capacity
        self.dataEligible = eligibility.data
        self.arbiterEligible = eligibility.arbiter
        self.ownsDataLargest = eligibility.isFiltered || excludedDevice != nil
        if let excludedDevice {
            self.dataEligible[excludedDevice] = false
            self.arbiterEligible[excludedDevice] = false
        }
        self.usesArbiter = usesArbiter
        self.strictZones = strictZones
        self.deviceThreshold = policy.devicePackingThreshold
        self.groupThreshold = policy.nodePackingThreshold
        self.seed = policy.seed
        let nodeCount = capacity.nodeIDs.count
        self.nodeRank = capacity.nodeIDs.map { SeededGenerator.mix(policy.seed ^ $0.low ^ ($0.high << 1)) }
        self.nodeStamp = Array(repeating: -1, count: nodeCount)
        self.zoneStamp = Array(repeating: -1, count: capacity.zoneNumbers.count)
        self.zoneScore = Array(repeating: 0, count: capacity.zoneNumbers.count)
        self.dataLargest = self.ownsDataLargest ? Array(repeating: 0, count: nodeCount) : []
        self.arbiterLargest = usesArbiter ? Array(repeating: 0, count: nodeCount) : []
        if self.ownsDataLargest || usesArbiter {
            for node in 0..<nodeCount { self.refreshLargest(node) }
        }
    }

    /// A brick slot in a set: its role and the bytes it takes from a device.
    struct Slot {
        var role: Brick.Role
        var need: Int64
    }

    /// Places one set; on success the space is taken and the chosen device indices are returned in slot
    /// order. On failure nothing is taken. `occupiedNodes` are nodes already holding members of the set.
    mutating func placeSet(_ slots: [Slot], occupiedNodes: [Int] = []) -> [Int]? {
        self.stamp += 1
        for node in occupiedNodes { self.occupy(node) }
        var chosen: [Int] = []
        chosen.reserveCapacity(slots.count)
        for slot in slots {
            guard let device = self.pick(slot) else {
                for (index, taken) in chosen.enumerated() { self.take(-slots[index].need, from: taken) }
                return nil
            }
            self.take(slot.need, from: device)
            self.occupy(self.capacity.deviceNode[device])
            chosen.append(device)
        }
        return chosen
    }

    private mutating func occupy(_ node: Int) {
        self.nodeStamp[node] = self.stamp
        self.zoneStamp[self.capacity.nodeZone[node]] = self.stamp
    }

    private mutating func take(_ bytes: Int64, from device: Int) {
        self.capacity.take(bytes, from: device)
        self.refreshLargest(self.capacity.deviceNode[device])
    }

    private mutating func refreshLargest(_ node: Int) {
        guard self.ownsDataLargest || self.usesArbiter else { return }
        var data: Int64 = 0
        var arbiter: Int64 = 0
        for device in self.capacity.nodeDevices[node] {
            let free = self.capacity.deviceFree[device]
            if self.dataEligible[device] { data = max(data, free) }
            if self.usesArbiter && self.arbiterEligible[device] { arbiter = max(arbiter, free) }
        }
        if self.ownsDataLargest { self.dataLargest[node] = data }
        if self.usesArbiter { self.arbiterLargest[node] = arbiter }
    }

    private mutating func pick(_ slot: Slot) -> Int? {
        let need = slot.need
        for zone in self.zoneScore.indices {
            self.zoneScore[zone] = self.fitScore(
                free: self.capacity.zoneFree[zone], total: self.capacity.zoneTotal[zone], need: need, threshold: self.groupThreshold)
        }
        guard let node = self.bestNode(need: need, largest: slot.role == .arbiter
                ? self.arbiterLargest : (self.ownsDataLargest ? self.dataLargest : self.capacity.nodeLargestData))
        else { return nil }
        return self.bestDevice(on: node, need: need, eligible: slot.role == .arbiter ? self.arbiterEligible : self.dataEligible)
    }

    private func bestNode(need: Int64, largest: [Int64]) -> Int? {
        var best = -1
        var bestUnused = false
        var bestZoneScore = Int64.min
        var bestNodeScore = Int64.min
        var bestRank: UInt64 = 0
        let stamp = self.stamp
        let capacity = self.capacity
        for node in 0..<largest.count where largest[node] > need && self.nodeStamp[node] != stamp {
            let zone = capacity.nodeZone[node]
            let unused = self.zoneStamp[zone] != stamp
            if self.strictZones && !unused { continue }
            let zoneScore = self.zoneScore[zone]
            let nodeScore = self.fitScore(free: capacity.nodeFree[node], total: capacity.nodeTotal[node], need: need, threshold: self.groupThreshold)
            let rank = self.nodeRank[node]
            if best >= 0 {
                if unused != bestUnused {
                    if !unused { continue }
                } else if (zoneScore, nodeScore, rank) <= (bestZoneScore, bestNodeScore, bestRank) {
                    continue
                }
            }
            best = node
            bestUnused = unused
            bestZoneScore = zoneScore
            bestNodeScore = nodeScore
            bestRank = rank
        }
        return best >= 0 ? best : nil
    }

    private func bestDevice(on node: Int, need: Int64, eligible: [Bool]) -> Int? {
        var best = -1
        var bestScore = Int64.min
        var bestRank: UInt64 = 0
        for device in self.capacity.nodeDevices[node] where eligible[device] && self.capacity.deviceFree[device] > need {
            let score = self.fitScore(
                free: self.capacity.deviceFree[device], total: self.capacity.deviceTotal[device], need: need, threshold: self.deviceThreshold)
            let id = self.capacity.deviceIDs[device]
            let rank = SeededGenerator.mix(self.seed ^ id.low ^ (id.high << 1))
            if best < 0 || (score, rank) > (bestScore, bestRank) {
                best = device
                bestScore = score
                bestRank = rank
            }
        }
        return best >= 0 ? best : nil
    }

    /// Higher is better. A candidate left with at least `threshold` of its capacity free is roomy: among
    /// roomy ones the emptiest wins (balance). One left with less is tight: tight ones win over roomy ones,
    /// the fullest first (packing), so a nearly full device is filled up before another is broken into.
    private func fitScore(free: Int64, total: Int64, need: Int64, threshold: Double) -> Int64 {
        let after = free - need
        if Double(after) >= threshold * Double(total) {
            return after
        }
        return (1 << 61) - after
    }
}

