public import StorageModel
public import StoreRecords

/// Plans a drift heal as an operation like any other, against the store as it is when the heal runs, not as it was
/// observed: a heal found before an expansion ended must not write the old size back. Pure.
///
/// `startVolume` starts a volume the store still holds; `setOptions` sets each option to what the store wants now
/// (an option it no longer wants is left alone); `probePeer` re-probes a node the store still holds.
public struct HealPlanner: Sendable {
    public init() {}

    public func plan(_ action: Action, operation: OperationID, in topology: Topology) throws(OperationError)
        -> PlannedOperation
    {
        switch action {
        case .startVolume(let id):
            guard topology.volumes[id] != nil else { throw .notFound(kind: "volume", id: id.description) }
            return Self.planned(action, hold: .exclusive(.volume(id)))
        case .setOptions(let id, let options):
            guard let volume = topology.volumes[id] else { throw .notFound(kind: "volume", id: id.description) }
            var wanted: [String: String] = [:]
            for option in VolumePlanner.options(of: volume) { wanted[option.key] = option.value }
            let current = options.compactMap { option in wanted[option.key].map { VolumeOption(key: option.key, value: $0) } }
            guard !current.isEmpty else { throw .conflict("volume \(id) no longer wants the options observed changed") }
            return Self.planned(.setOptions(volume: id, options: current), hold: .exclusive(.volume(id)))
        case .probePeer(let id):
            guard topology.nodes[id] != nil else { throw .notFound(kind: "node", id: id.description) }
            return Self.planned(action, hold: .exclusive(.node(id)))
        default:
            throw .invalid(ValidationError(field: "heal", value: action.name, problem: .notOneOf(["start_volume", "set_options", "probe_peer"])))
        }
    }

    private static func planned(_ action: Action, hold: ObjectHold) -> PlannedOperation {
        PlannedOperation(intent: .heal(action), changes: [], plan: Plan(actions: [action]), location: nil, holds: [hold])
    }
}
