public import StorageModel

/// One write to the store. A batch of changes is applied in order, in one transaction: all of it or none.
///
/// Order matters inside a batch because foreign keys are checked per statement: insert parents before children
/// (operation, then volume, then its bricks) and delete children before parents. The central use is an
/// operation's first commit: `.insertOperation`, `.appendJournal` for each planned step, and `.insertVolume` /
/// `.insertBrick` with `pending:` set to the operation, so intent and reservation land together before the
/// executor runs anything.
public enum StoreChange: Hashable, Sendable {
    case insertCluster(Cluster)
    case updateCluster(Cluster)
    case deleteCluster(ClusterID)

    /// Adds a node; with `pending`, it stays hidden from complete listings until the operation clears the marker.
    case insertNode(Node, pending: OperationID? = nil)
    /// Replaces a node's fields; its pending marker is left as it is.
    case updateNode(Node)
    case deleteNode(NodeID)

    /// Adds a device. Its `used` is ignored: the store derives it from the device's bricks.
    case insertDevice(Device, pending: OperationID? = nil)
    /// Replaces a device's fields except `used`; refused if `total` would fall below what its bricks reserve.
    case updateDevice(Device)
    case deleteDevice(DeviceID)

    /// Adds a brick; refused with `insufficientSpace` if its device cannot hold `reserved` more.
    case insertBrick(Brick, pending: OperationID? = nil)
    case updateBrick(Brick)
    case deleteBrick(BrickID)

    case insertVolume(Volume, pending: OperationID? = nil)
    case updateVolume(Volume)
    case deleteVolume(VolumeID)

    /// Marks an existing entry as belonging to an unfinished operation (for example a volume being deleted).
    case markPending(StoreEntry, OperationID)
    /// Clears one entry's marker.
    case clearPending(StoreEntry)
    /// Clears every marker the operation holds: how a create is finalized or a delete rolled back.
    case clearAllPending(of: OperationID)
    /// Deletes every entry the operation marked, children first: how a create is rolled back.
    case deletePendingEntries(of: OperationID)

    case insertOperation(OperationRecord)
    /// Records that `operation` holds an object; refused with `busy` if another unfinished operation holds it in a
    /// conflicting mode. Released by the store when the operation's status becomes finished.
    case hold(ObjectHold, by: OperationID)
    /// Drops every hold of `operation` (a finished one whose holds were left behind).
    case releaseHolds(of: OperationID)
    /// Sets status and result and stamps `updatedAt`; a finished status also stamps `finishedAt`.
    case setOperationStatus(OperationID, OperationStatus, result: String? = nil, at: UnixTime)
    case appendJournal(JournalEntry)
    /// A nil `detail` keeps the one recorded before (a failed step that is then undone keeps its error).
    case setJournalState(OperationID, step: Int, JournalState, detail: String? = nil, at: UnixTime)
}
