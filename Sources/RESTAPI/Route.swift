public import StorageModel
public import StoreRecords

/// Every endpoint Brickyard serves, with its path parameters already parsed into typed IDs.
public enum Route: Hashable, Sendable {
    case hello
    case metrics
    case clusterCreate
    case clusterList
    case clusterInfo(ClusterID)
    case clusterSetFlags(ClusterID)
    case clusterDelete(ClusterID)
    case nodeAdd
    case nodeInfo(NodeID)
    case nodeDelete(NodeID)
    case nodeSetState(NodeID)
    case nodeSetTags(NodeID)
    case deviceAdd
    case deviceInfo(DeviceID)
    case deviceDelete(DeviceID)
    case deviceSetState(DeviceID)
    case deviceResync(DeviceID)
    case deviceSetTags(DeviceID)
    case volumeCreate
    case volumeList
    case volumeInfo(VolumeID)
    case volumeExpand(VolumeID)
    case volumeDelete(VolumeID)
    /// Volume clone and every block-volume endpoint: answered 501.
    case unsupported(String)
    case queue(OperationID)
    case operations
    case operationsPending
    case adminStateGet
    case adminStateSet
    case databaseDump
    case databaseCheck
    case databaseBackup
    case loggingGet
    case loggingSet
    case examineGluster

    /// The route's template, e.g. `/volumes/{id}`, for metric labels (never the raw path: bounded
    /// cardinality).
    public var template: String {
        RouteTable.entries.first { $0.matches(self) }?.template ?? "unknown"
    }

    /// Whether the route answers without a token (Heketi: `/hello`; Brickyard adds `/metrics`).
    public var isPublic: Bool {
        self == .hello || self == .metrics
    }
}
