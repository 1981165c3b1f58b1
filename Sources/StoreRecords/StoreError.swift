public import StorageModel

/// Why the store refused or failed a request, with the facts attached so each edge can map it once
/// (the REST layer: `conflict` is 409, `notFound` 404, `hasChildren` and `insufficientSpace` 409).
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A unique field collided, such as `node.hostnames.manage` or `volume.name`; `value` is the colliding value.
    case conflict(field: String, value: String)
    /// An entry that a change updates, deletes or refers to does not exist; `kind` is `node`, `operation`, ….
    case notFound(kind: String, id: String)
    /// A delete was refused because other entries still refer to this one (`children` names their table).
    case hasChildren(kind: String, id: String, children: String)
    /// A brick would not fit on its device, or a device would shrink below what its bricks reserve.
    case insufficientSpace(device: DeviceID, requested: ByteCount, free: ByteCount)
    /// A value broke a rule of the schema (a CHECK or NOT NULL constraint), such as a negative size.
    case invalidValue(String)
    /// Another unfinished operation holds the object in a conflicting mode (`ObjectHold`).
    case busy(entry: StoreEntry, operation: OperationID?, type: OperationType?)
    /// The database was written by a newer Brickyard; opening it could corrupt what that version stored.
    case schemaTooNew(found: Int, supported: Int)
    /// The file system did not accept write-ahead logging, so the store would not be crash-safe as designed.
    case walUnavailable(journalMode: String)
    /// A stored row could not be read back into the model, for example JSON that no longer decodes.
    case corruptRow(table: String, id: String, problem: String)
    /// Any other SQLite failure: I/O errors, a full disk, a busy database.
    case database(function: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .conflict(let field, let value):
            "\(field) \"\(value)\" is already in use"
        case .notFound(let kind, let id):
            "\(kind) \(id) not found"
        case .hasChildren(let kind, let id, let children):
            "\(kind) \(id) still has \(children)"
        case .insufficientSpace(let device, let requested, let free):
            "device \(device) has \(free) free, \(requested) needed"
        case .busy(let entry, let operation, let type):
            if let operation, let type {
                "\(entry) is busy with operation \(operation) (\(type))"
            } else {
                "\(entry) is busy with another operation"
            }
        case .invalidValue(let message):
            "invalid value: \(message)"
        case .schemaTooNew(let found, let supported):
            "database schema version \(found) is newer than this binary supports (\(supported)); upgrade Brickyard"
        case .walUnavailable(let mode):
            "the database refused write-ahead logging (journal mode is \(mode))"
        case .corruptRow(let table, let id, let problem):
            "stored \(table) row \(id) is unreadable: \(problem)"
        case .database(let function, let code, let message):
            "\(function) failed: \(message) (code \(code))"
        }
    }
}
