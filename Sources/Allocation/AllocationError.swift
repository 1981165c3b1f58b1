public import StorageModel

/// Why a placement failed, with the numbers an administrator needs to act on it.
public enum AllocationError: Error, Hashable, Sendable {
    /// No cluster was named and none takes file volumes, or the named ones do not exist.
    case noCluster(requested: [ClusterID])
    /// Every candidate cluster already holds its maximum number of volumes.
    case volumeLimitReached(limit: Int)
    /// Even split into the most sets allowed, the bricks would exceed the maximum brick size.
    case tooManyBricks(needed: Int, maximum: Int)
    /// A brick would be smaller than the minimum brick size before any split.
    case brickTooSmall(size: ByteCount, minimum: ByteCount)
    /// A set needs more online nodes with room than the cluster has.
    case notEnoughNodes(setSize: Int, available: Int)
    /// Strict zone checking needs as many zones as a set has members.
    case notEnoughZones(setSize: Int, available: Int)
    /// An arbiter volume needs a device whose `arbiter` tag is `required` or `supported` (or unset).
    case noArbiterDevice
    /// No device has room, at any permitted split.
    case noSpace(NoSpace)
    /// The brick to replace, or its volume, is unknown.
    case unknownBrick(BrickID)
    /// A brick being moved has nowhere to go: every eligible device is on a node its set already uses (a set never
    /// holds two bricks of one node), is the device being emptied, or lacks room. `candidates` counts the eligible
    /// devices on the other nodes, `largestFree` is the most any of them has.
    case noReplacement(brick: BrickID, setNodes: Int, candidates: Int, reserved: ByteCount, largestFree: ByteCount)

    /// The facts behind a `noSpace` failure, for the smallest bricks that were tried.
    public struct NoSpace: Hashable, Sendable {
        public var requested: ByteCount
        public var sets: Int
        public var setSize: Int
        public var brickSize: ByteCount
        /// What each data brick reserves on a device (on LVM, its thin pool and metadata).
        public var reservedPerBrick: ByteCount
        public var setsPlaced: Int
        /// The most free space on any device eligible for the request.
        public var largestFree: ByteCount
        public var eligibleDevices: Int

        public init(
            requested: ByteCount, sets: Int, setSize: Int, brickSize: ByteCount, reservedPerBrick: ByteCount,
            setsPlaced: Int, largestFree: ByteCount, eligibleDevices: Int
        ) {
            self.requested = requested
            self.sets = sets
            self.setSize = setSize
            self.brickSize = brickSize
            self.reservedPerBrick = reservedPerBrick
            self.setsPlaced = setsPlaced
            self.largestFree = largestFree
            self.eligibleDevices = eligibleDevices
        }
    }
}

extension AllocationError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noCluster(let requested):
            return requested.isEmpty
                ? "no cluster accepts file volumes"
                : "none of the clusters \(requested.map(\.description).joined(separator: ", ")) exists or accepts file volumes"
        case .volumeLimitReached(let limit):
            return "every candidate cluster already holds the maximum of \(limit) volumes"
        case .tooManyBricks(let needed, let maximum):
            return "the volume would need \(needed) bricks to keep bricks within the maximum brick size; at most \(maximum) are allowed"
        case .brickTooSmall(let size, let minimum):
            return "a brick would be \(size), below the minimum brick size \(minimum)"
        case .notEnoughNodes(let setSize, let available):
            return "a brick set needs \(setSize) nodes with eligible devices; the cluster has \(available)"
        case .notEnoughZones(let setSize, let available):
            return "strict zone checking needs \(setSize) zones with eligible devices; the cluster has \(available)"
        case .noArbiterDevice:
            return "no online device may hold an arbiter brick (arbiter tag required or supported)"
        case .noSpace(let facts):
            // No "no space" here: the REST edge already says Heketi's "No space" before this.
            let sets = facts.sets == 1 ? "set" : "sets"
            let bricks = facts.setSize == 1 ? "brick" : "bricks"
            let devices = facts.eligibleDevices == 1 ? "device" : "devices"
            return "only \(facts.setsPlaced) of \(facts.sets) \(sets) of \(facts.setSize) \(bricks) of \(facts.brickSize) fit "
                + "for \(facts.requested) (each brick reserves \(facts.reservedPerBrick) on its device); "
                + "the most free space on any of the \(facts.eligibleDevices) eligible \(devices) is \(facts.largestFree)"
        case .noReplacement(_, let setNodes, let candidates, let reserved, let largestFree):
            let nodes = setNodes == 1 ? "node" : "nodes"
            if candidates == 0 {
                return "every eligible device is on the \(setNodes) \(nodes) its set already uses, and a set never holds "
                    + "two bricks of one node"
            }
            let devices = candidates == 1 ? "device" : "devices"
            return "the brick reserves \(reserved); the \(candidates) eligible \(devices) on nodes its set does not use have "
                + "at most \(largestFree) free"
        case .unknownBrick(let id):
            return "brick \(id) is not known"
        }
    }
}
