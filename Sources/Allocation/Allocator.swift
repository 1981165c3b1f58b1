public import StorageModel

/// Decides where the bricks of a volume go. Pure: a function of a topology snapshot, a request and a
/// policy, with no I/O and no hidden randomness.
///
/// Semantics follow Heketi's allocator (set members on distinct nodes and devices, zones spread, tag rules,
/// arbiter placement, brick splitting), and improve on it: the result is deterministic for a seed, and
/// devices fill evenly until space runs short, then pack tightly so large volumes still fit.
public struct Allocator: Sendable {
    public var policy: AllocationPolicy

    public init(policy: AllocationPolicy = AllocationPolicy()) {
        self.policy = policy
    }

    /// Places a new volume (or an expansion) in the first candidate cluster that can hold it; clusters with
    /// more free space are tried first.
    public func place(_ request: PlacementRequest, in topology: Topology) throws(AllocationError) -> Placement {
        let candidates: [ClusterID]
        if request.clusters.isEmpty {
            candidates = topology.clusters.values.filter(\.allowsFileVolumes).map(\.id).sorted()
        } else {
            candidates = request.clusters.filter { topology.clusters[$0]?.allowsFileVolumes == true }
        }
        guard !candidates.isEmpty else { throw .noCluster(requested: request.clusters) }
        var capacities = candidates.map { ClusterCapacity(cluster: $0, in: topology) }
        if request.clusters.isEmpty {
            capacities.sort { ($0.freeSpace, $1.cluster) > ($1.freeSpace, $0.cluster) }
        }
        var firstError: AllocationError?
        for capacity in capacities {
            do {
                return try self.place(request, in: capacity)
            } catch {
                firstError = firstError ?? error
            }
        }
        throw firstError ?? .noCluster(requested: request.clusters)
    }

    /// Places a volume in one cluster's capacity view.
    public func place(_ request: PlacementRequest, in capacity: ClusterCapacity) throws(AllocationError) -> Placement {
        if let limit = self.policy.maximumVolumesPerCluster, capacity.volumeCount >= limit {
            throw .volumeLimitReached(limit: limit)
        }
        let durability = request.durability
        let setSize = durability.setSize
        let eligibility = Eligibility(capacity: capacity, tagRules: request.tagRules)
        let strict = (request.zoneChecking ?? self.policy.zoneChecking) == .strict
        try eligibility.check(durability: durability, strictZones: strict, capacity: capacity)

        let splits = try BrickSplit.candidates(for: request, policy: self.policy)
        var lastFailure: AllocationError.NoSpace?
        for split in splits {
            var placer = SetPlacer(
                capacity: capacity, eligibility: eligibility, usesArbiter: durability.arbiterIndex != nil,
                strictZones: strict, policy: self.policy)
            let slots = self.slots(for: split, request: request)
            var sets: [[PlannedBrick]] = []
            for _ in 0..<split.sets {
                guard let devices = placer.placeSet(slots) else { break }
                sets.append(zip(devices, slots).map { device, slot in
                    let node = capacity.deviceNode[device]
                    let size = slot.role == .arbiter ? split.arbiterSize : split.brickSize
                    return PlannedBrick(
                        device: capacity.deviceIDs[device], node: capacity.nodeIDs[node],
                        zone: capacity.zoneNumbers[capacity.nodeZone[node]], role: slot.role,
                        space: BrickSpace(size: size, snapshotFactor: request.snapshotFactor))
                })
            }
            if sets.count == split.sets {
                return Placement(cluster: capacity.cluster, brickSize: split.brickSize, sets: sets)
            }
            let dataNeed = BrickSpace(size: split.brickSize, snapshotFactor: request.snapshotFactor).reserved
            lastFailure = AllocationError.NoSpace(
                requested: request.size, sets: split.sets, setSize: setSize, brickSize: split.brickSize,
                reservedPerBrick: dataNeed, setsPlaced: sets.count,
                largestFree: eligibility.largestFree(in: capacity), eligibleDevices: eligibility.dataCount)
        }
        throw .noSpace(lastFailure!)
    }

    /// Chooses a new device for one brick (evacuating a failed device, or `replace-brick`), under the same
    /// rules: not on a node of its set's other members, zones spread, tag rules of the request honoured.
    public func replace(
        _ brickID: BrickID, in topology: Topology, tagRules: [TagRule] = [], zoneChecking: ZoneChecking? = nil
    ) throws(AllocationError) -> PlannedBrick {
        guard let brick = topology.bricks[brickID], let volume = topology.volumes[brick.volume],
            let set = volume.brickSets.first(where: { $0.contains(brickID) })
        else { throw .unknownBrick(brickID) }
        let capacity = ClusterCapacity(cluster: volume.cluster, in: topology)
        let eligibility = Eligibility(capacity: capacity, tagRules: tagRules)
        let strict = (zoneChecking ?? self.policy.zoneChecking) == .strict
        let others = set.filter { $0 != brickID }.compactMap { topology.bricks[$0] }
        let occupied = others.compactMap { other in capacity.deviceIndex[other.device].map { capacity.deviceNode[$0] } }
        var placer = SetPlacer(
            capacity: capacity, eligibility: eligibility, usesArbiter: brick.role == .arbiter, strictZones: strict,
            policy: self.policy, excludedDevice: capacity.deviceIndex[brick.device])
        let space = BrickSpace(size: brick.size, snapshotFactor: volume.snapshot.effectiveFactor)
        let slot = SetPlacer.Slot(role: brick.role, need: space.reserved.bytes)
        guard let device = placer.placeSet([slot], occupiedNodes: occupied)?.first
        else {
            // Say what ruled the devices out: the set's own nodes, or room on the others.
            let excluded = capacity.deviceIndex[brick.device]
            let mask = brick.role == .arbiter ? eligibility.arbiter : eligibility.data
            let candidates = mask.indices.filter { index in
                mask[index] && index != excluded && !occupied.contains(capacity.deviceNode[index])
            }
            throw .noReplacement(
                brick: brickID, setNodes: Set(occupied).count, candidates: candidates.count, reserved: space.reserved,
                largestFree: ByteCount(bytes: candidates.map { capacity.deviceFree[$0] }.max() ?? 0))
        }
        let node = capacity.deviceNode[device]
        return PlannedBrick(
            device: capacity.deviceIDs[device], node: capacity.nodeIDs[node],
            zone: capacity.zoneNumbers[capacity.nodeZone[node]], role: brick.role, space: space)
    }

    private func slots(for split: BrickSplit, request: PlacementRequest) -> [SetPlacer.Slot] {
        let data = BrickSpace(size: split.brickSize, snapshotFactor: request.snapshotFactor).reserved.bytes
        let arbiter = BrickSpace(size: split.arbiterSize, snapshotFactor: request.snapshotFactor).reserved.bytes
        return (0..<request.durability.setSize).map { index in
            index == request.durability.arbiterIndex
                ? SetPlacer.Slot(role: .arbiter, need: arbiter) : SetPlacer.Slot(role: .data, need: data)
        }
    }
}
