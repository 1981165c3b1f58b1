public import Allocation
public import StorageModel

/// The knobs of the operation engine, from the server configuration.
public struct EngineSettings: Sendable {
    public var allocationPolicy: AllocationPolicy
    /// Options set on every new volume before the request's own (`pre_request_volume_options`).
    public var preRequestVolumeOptions: [VolumeOption]
    /// Options set after the request's own, so they win (`post_request_volume_options`).
    public var postRequestVolumeOptions: [VolumeOption]
    /// The most operations applied at once; more are refused as busy (Heketi's `max_inflight_operations`).
    public var maxInflightOperations: Int
    /// Where the nodes mount LVM bricks, written into each new brick's path. No default: it must be the root the
    /// executor was given, both from the one configured value, or new paths would name a place nothing is mounted.
    public var mountRoot: String

    public init(
        allocationPolicy: AllocationPolicy = AllocationPolicy(), preRequestVolumeOptions: [VolumeOption] = [],
        postRequestVolumeOptions: [VolumeOption] = [], maxInflightOperations: Int = 8, mountRoot: String
    ) {
        self.mountRoot = mountRoot
        self.allocationPolicy = allocationPolicy
        self.preRequestVolumeOptions = preRequestVolumeOptions
        self.postRequestVolumeOptions = postRequestVolumeOptions
        self.maxInflightOperations = maxInflightOperations
    }
}
