public import StorageModel

/// An operation's claim on an object it changes, so that two operations never interleave on one object.
///
/// An exclusive hold is taken on what an operation rewrites (a volume being expanded or deleted, a device being
/// failed); a shared hold on what it only builds on (the devices a new volume places bricks on). Exclusive holds
/// conflict with every other hold of the object; shared holds only with exclusive ones. Holds are recorded in the
/// transaction that records the operation and released by the store when the operation's status becomes finished,
/// so a crash keeps them until recovery has finished the operation.
public struct ObjectHold: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case exclusive
        case shared
    }

    public var entry: StoreEntry
    public var mode: Mode

    public init(_ entry: StoreEntry, _ mode: Mode) {
        self.entry = entry
        self.mode = mode
    }

    public static func exclusive(_ entry: StoreEntry) -> ObjectHold { ObjectHold(entry, .exclusive) }
    public static func shared(_ entry: StoreEntry) -> ObjectHold { ObjectHold(entry, .shared) }

    /// Whether holding `self` and `other` at once, by two operations, would let them interleave.
    public func conflicts(with other: ObjectHold) -> Bool {
        self.entry == other.entry && (self.mode == .exclusive || other.mode == .exclusive)
    }
}

/// A hold as recorded: which operation holds it, and what kind of operation that is (for the refusal's message).
public struct RecordedHold: Hashable, Sendable {
    public var hold: ObjectHold
    public var operation: OperationID
    public var type: OperationType

    public init(hold: ObjectHold, operation: OperationID, type: OperationType) {
        self.hold = hold
        self.operation = operation
        self.type = type
    }
}

/// Every hold of unfinished operations: what the engine consults before it plans, inside the planning transaction.
///
/// Pure: a value read in one transaction.
public struct HoldTable: Hashable, Sendable {
    public private(set) var holds: [RecordedHold]

    public init(_ holds: [RecordedHold] = []) {
        self.holds = holds
    }

    /// The first recorded hold of another operation that `wanted` conflicts with, if any.
    public func conflict(with wanted: ObjectHold, except operation: OperationID? = nil) -> RecordedHold? {
        self.holds.first { $0.operation != operation && $0.hold.conflicts(with: wanted) }
    }

    /// The first conflict of any of `wanted`.
    public func conflict(with wanted: [ObjectHold], except operation: OperationID? = nil) -> RecordedHold? {
        for hold in wanted {
            if let conflict = self.conflict(with: hold, except: operation) { return conflict }
        }
        return nil
    }

    /// Devices some unfinished operation holds exclusively (being failed, removed or resynced): placement avoids them.
    public var exclusivelyHeldDevices: Set<DeviceID> {
        Set(
            self.holds.compactMap { recorded in
                guard recorded.hold.mode == .exclusive, case .device(let id) = recorded.hold.entry else { return nil }
                return id
            })
    }
}

/// What a planning closure sees inside the write transaction: the topology (pending entries included) and the holds.
public struct PlanningView: Sendable {
    public var topology: Topology
    public var holds: HoldTable

    public init(topology: Topology, holds: HoldTable) {
        self.topology = topology
        self.holds = holds
    }
}
