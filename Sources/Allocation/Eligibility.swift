internal import StorageModel

/// Which devices of a cluster may take data bricks and arbiter bricks for one request.
///
/// Without tag rules this is the capacity view's own cached masks, so a plain request costs nothing here.
struct Eligibility {
    let data: [Bool]
    let arbiter: [Bool]
    /// The masks differ from the capacity view's base masks (tag rules applied).
    let isFiltered: Bool

    init(capacity: ClusterCapacity, tagRules: [TagRule]) {
        guard !tagRules.isEmpty else {
            self.data = capacity.dataBase
            self.arbiter = capacity.arbiterBase
            self.isFiltered = false
            return
        }
        var data = capacity.dataBase
        var arbiter = capacity.arbiterBase
        for device in data.indices where !tagRules.allSatisfy({ $0.matches(capacity.deviceTags[device]) }) {
            data[device] = false
            arbiter[device] = false
        }
        self.data = data
        self.arbiter = arbiter
        self.isFiltered = true
    }

    /// Refuses requests no amount of free space could satisfy, with the reason.
    func check(durability: Durability, strictZones: Bool, capacity: ClusterCapacity) throws(AllocationError) {
        let setSize = durability.setSize
        let usesArbiter = durability.arbiterIndex != nil
        if usesArbiter && !self.arbiter.contains(true) { throw .noArbiterDevice }
        var nodeSeen = [Bool](repeating: false, count: capacity.nodeIDs.count)
        var zoneSeen = [Bool](repeating: false, count: capacity.zoneNumbers.count)
        var nodes = 0
        var zones = 0
        for node in nodeSeen.indices {
            let eligible = capacity.nodeDevices[node].contains { self.data[$0] || (usesArbiter && self.arbiter[$0]) }
            guard eligible, !nodeSeen[node] else { continue }
            nodeSeen[node] = true
            nodes += 1
            let zone = capacity.nodeZone[node]
            if !zoneSeen[zone] {
                zoneSeen[zone] = true
                zones += 1
            }
            if nodes >= setSize && (!strictZones || zones >= setSize) { return }
        }
        if nodes < setSize { throw .notEnoughNodes(setSize: setSize, available: nodes) }
        if strictZones && zones < setSize { throw .notEnoughZones(setSize: setSize, available: zones) }
    }

    var dataCount: Int { self.data.lazy.filter { $0 }.count }

    func largestFree(in capacity: ClusterCapacity) -> ByteCount {
        var largest: Int64 = 0
        for device in self.data.indices where self.data[device] { largest = max(largest, capacity.deviceFree[device]) }
        return ByteCount(bytes: largest)
    }
}
