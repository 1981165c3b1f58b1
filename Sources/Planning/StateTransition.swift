public import StorageModel

/// Heketi's state machine for nodes and devices, refusal texts included: the refusals protect data (a device is
/// disabled before its bricks are moved off it, and a removed device or node never comes back by accident). Pure.
///
/// | from → to | device | node |
/// | --- | --- | --- |
/// | online → failed | refused: must be offline first | refused: must be offline first |
/// | failed → online | refused | refused |
/// | failed → offline | allowed (the device can be used again) | refused |
/// | anything else | allowed | allowed |
public enum StateTransition {
    /// Why `target` may not go from `current` to `requested`, in Heketi's words; nil when it may.
    public static func refusal(_ target: StateTarget, from current: OperationalState, to requested: OperationalState)
        -> String?
    {
        switch (target, current, requested) {
        case (.device(let id), .online, .failed):
            "Device must be offline before remove operation is performed, device:\(id)"
        case (.node(let id), .online, .failed):
            "Node must be offline before remove operation is performed, node:\(id)"
        case (.device, .failed, .online):
            "Cannot move a failed/removed device to online state"
        case (.node, .failed, .online):
            "Cannot move a failed/removed node to online state"
        case (.node, .failed, .offline):
            "Cannot move a failed/removed node to offline state"
        default:
            nil
        }
    }
}
