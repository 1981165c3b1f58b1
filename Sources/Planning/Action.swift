public import StorageModel

/// One step that changes a Gluster node or pool. Plans are ordered lists of these; the applier records each
/// in the journal before and after running it, so a crash can be resumed or rolled back.
public enum Action: Hashable, Sendable, Codable {
    /// `gluster peer probe` of a node from a node already in the pool.
    case probePeer(node: NodeID)
    /// `gluster peer detach`.
    case detachPeer(node: NodeID)
    /// Prepares a device for bricks (LVM physical volume and volume group, or a directory backend check).
    case setUpDevice(device: DeviceID, destroyData: Bool)
    /// Removes the volume group and physical volume of an empty device.
    case tearDownDevice(device: DeviceID)
    /// Makes a brick: thin pool and LV, filesystem, mount, directory, ownership.
    case createBrick(brick: BrickID)
    /// Unmounts and removes a brick and its storage.
    case destroyBrick(brick: BrickID)
    /// `gluster volume create` with the given bricks (the volume's first sets).
    case createVolume(volume: VolumeID, bricks: [BrickID])
    /// `gluster volume set` for each option.
    case setOptions(volume: VolumeID, options: [VolumeOption])
    /// `gluster volume reset` for each key: the option goes back to Gluster's default.
    case resetOptions(volume: VolumeID, keys: [String])
    /// The group of every brick directory of the volume, as brick creation sets it (`chown :gid`, `chmod 2775`); gid
    /// 0 gives them back to root's group without the set-gid bit, as a brick made without a gid has.
    case setBrickGroup(volume: VolumeID, gid: Int64)
    case startVolume(volume: VolumeID)
    /// `gluster volume add-brick` with whole sets.
    case addBricks(volume: VolumeID, bricks: [BrickID])
    /// `gluster volume replace-brick … commit force`: moves one member of a set to a new brick (evacuation).
    case replaceBrick(volume: VolumeID, old: BrickID, new: BrickID)
    /// Rereads a device's size from the node (the volume group may have grown).
    case resyncDevice(device: DeviceID)
    /// `gluster volume rebalance start` after an expansion.
    case rebalance(volume: VolumeID)
    /// `gluster volume stop force`.
    case stopVolume(volume: VolumeID)
    /// `gluster volume delete`.
    case deleteVolume(volume: VolumeID)

    /// What undoes this action when an operation rolls back; nil when nothing needs undoing (or the step
    /// cannot be undone and the plan must go forward instead).
    public var undo: Action? {
        switch self {
        case .probePeer(let node): return .detachPeer(node: node)
        case .setUpDevice(let device, _): return .tearDownDevice(device: device)
        case .createBrick(let brick): return .destroyBrick(brick: brick)
        case .createVolume(let volume, _): return .deleteVolume(volume: volume)
        case .startVolume(let volume): return .stopVolume(volume: volume)
        case .detachPeer, .tearDownDevice, .destroyBrick, .setOptions, .resetOptions, .setBrickGroup, .addBricks,
            .rebalance, .stopVolume, .deleteVolume, .replaceBrick, .resyncDevice:
            return nil
        }
    }

    /// A short name for logs and metrics (`brickyard_actions_total{action}`).
    public var name: String {
        switch self {
        case .probePeer: return "probe_peer"
        case .detachPeer: return "detach_peer"
        case .setUpDevice: return "set_up_device"
        case .tearDownDevice: return "tear_down_device"
        case .createBrick: return "create_brick"
        case .destroyBrick: return "destroy_brick"
        case .createVolume: return "create_volume"
        case .setOptions: return "set_options"
        case .resetOptions: return "reset_options"
        case .setBrickGroup: return "set_brick_group"
        case .startVolume: return "start_volume"
        case .addBricks: return "add_bricks"
        case .replaceBrick: return "replace_brick"
        case .resyncDevice: return "resync_device"
        case .rebalance: return "rebalance"
        case .stopVolume: return "stop_volume"
        case .deleteVolume: return "delete_volume"
        }
    }
}
