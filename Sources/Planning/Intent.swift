public import StorageModel
public import StoreRecords

/// What an operation is for. Recorded as the operation's intent before anything runs, so that a restarted
/// server can finish or undo it from the store alone.
public enum Intent: Hashable, Sendable, Codable {
    case createVolume(VolumeID)
    /// The volume grows to `size` with `sets` appended to its brick sets.
    case expandVolume(VolumeID, size: ByteCount, sets: [[BrickID]])
    case deleteVolume(VolumeID)
    /// Options set or reset, or the bricks' group changed, in place; the stored volume takes the update when it
    /// has succeeded.
    case updateVolume(VolumeID, VolumeUpdate)
    case addNode(NodeID)
    case removeNode(NodeID)
    case addDevice(DeviceID)
    case removeDevice(DeviceID)
    case resyncDevice(DeviceID)
    /// A node or device changes state; going `failed` moves every brick it held to its replacement.
    case setState(StateTarget, OperationalState, replacements: [BrickReplacement])
    /// Damage cleared (`brickyard repair`): the entries the operation marks are forgotten when it succeeds, after
    /// the bricks among them still on a node were destroyed.
    case repairStore
    /// Drift healed: a stopped volume started, an option restored, a peer probed again. Journaled and held like
    /// every other change, so a heal never interleaves with an expansion of the same volume.
    case heal(Action)

    /// The operation type shown in `GET /operations/pending` and in metrics.
    public var type: OperationType {
        switch self {
        case .createVolume: .volumeCreate
        case .expandVolume: .volumeExpand
        case .deleteVolume: .volumeDelete
        case .updateVolume: .volumeUpdate
        case .addNode: .nodeAdd
        case .removeNode: .nodeRemove
        case .addDevice: .deviceAdd
        case .removeDevice: .deviceRemove
        case .resyncDevice: .deviceResync
        case .setState(.node, _, _): "node.state"
        case .setState(.device, _, _): "device.state"
        case .repairStore: "store.repair"
        case .heal(.probePeer): "node.heal"
        case .heal: "volume.heal"
        }
    }

    /// How an interrupted operation is finished: creations are undone, removals are carried through (their
    /// object is already hidden from clients, and half-removed storage is worse than none). An update is carried
    /// through too: setting an option, resetting one and changing a group all have the same effect when run again,
    /// and nothing could undo a reset (Gluster does not say what value it replaced).
    public var recovery: Recovery {
        switch self {
        case .createVolume, .expandVolume, .addNode, .addDevice, .setState: .rollBack
        case .deleteVolume, .updateVolume, .removeNode, .removeDevice, .resyncDevice, .repairStore, .heal: .goForward
        }
    }

    public enum Recovery: Hashable, Sendable {
        case rollBack
        case goForward
    }
}

/// The object whose state an operation changes.
public enum StateTarget: Hashable, Sendable, Codable {
    case node(NodeID)
    case device(DeviceID)
}

/// One brick moved off a failed device: `new` takes `old`'s place in its set.
public struct BrickReplacement: Hashable, Sendable, Codable {
    public var old: BrickID
    public var new: BrickID

    public init(old: BrickID, new: BrickID) {
        self.old = old
        self.new = new
    }
}

extension Intent {
    /// The object the operation rewrites, held exclusively until it ends. Derived from the intent alone, so start-up
    /// recovery can give the same hold to an operation recorded before holds existed.
    public var primaryHold: ObjectHold? {
        switch self {
        case .repairStore: nil
        case .heal(.probePeer(let id)): .exclusive(.node(id))
        case .heal(.startVolume(let id)), .heal(.setOptions(let id, _)): .exclusive(.volume(id))
        case .heal: nil
        case .createVolume(let id), .expandVolume(let id, _, _), .deleteVolume(let id), .updateVolume(let id, _):
            .exclusive(.volume(id))
        case .addNode(let id), .removeNode(let id): .exclusive(.node(id))
        case .addDevice(let id), .removeDevice(let id), .resyncDevice(let id): .exclusive(.device(id))
        case .setState(.node(let id), _, _): .exclusive(.node(id))
        case .setState(.device(let id), _, _): .exclusive(.device(id))
        }
    }
}
