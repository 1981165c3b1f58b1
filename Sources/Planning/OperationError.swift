public import Allocation
public import StorageModel
public import StoreRecords

/// Why a request was refused before any work started, or why the store could not record it. Each case maps to
/// one HTTP status at the REST edge, and to one line on the command line.
public enum OperationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `max_inflight_operations` operations are already running.
    case busy(limit: Int)
    /// Another unfinished operation holds the object this request would change: mutations of one object never
    /// interleave. The request can be made again once that operation has ended.
    case objectBusy(StoreEntry, operation: OperationID?, type: OperationType?)
    case invalid(ValidationError)
    case notFound(kind: String, id: String)
    /// The request contradicts what exists (a name in use, a node that still has devices).
    case conflict(String)
    /// A request Heketi refuses outright with 400 (a device deleted before it was removed, an unknown cluster).
    case badRequest(String)
    /// A node or device state change the state machine refuses, or whose bricks cannot all be moved. Heketi answers
    /// such a request 202 and then fails the operation, so clients read the reason from `/queue/{id}`.
    case transitionRefused(String)
    /// The allocator found no room: Heketi's "Failed to allocate new volume: No space", with the reason.
    case noSpace(AllocationError)
    case store(StoreError)
    /// This process may not change anything now (its mutation gate is closed: it is not the leader).
    case mutationsClosed(String)

    public var description: String {
        switch self {
        case .mutationsClosed(let reason): "this replica makes no changes now (\(reason)); retry on the leader"
        case .busy(let limit): "server busy: \(limit) operations already in flight; retry later"
        case .objectBusy(let entry, let operation, let type):
            StoreError.busy(entry: entry, operation: operation, type: type).description + "; retry when it has finished"
        case .invalid(let error): error.description
        case .notFound(let kind, let id): "\(kind) \(id) not found"
        case .conflict(let message): message
        case .badRequest(let message): message
        case .transitionRefused(let message): message
        case .noSpace(let error): "Failed to allocate new volume: No space: \(error)"
        case .store(let error): error.description
        }
    }

    /// A store error as the client should see it: a unique collision or a missing parent is the request's fault.
    public static func from(_ error: StoreError) -> OperationError {
        switch error {
        case .conflict(let field, let value): .conflict("\(field) \"\(value)\" is already in use")
        case .notFound(let kind, let id): .notFound(kind: kind, id: id)
        case .hasChildren(let kind, let id, let children): .conflict("\(kind) \(id) still has \(children)")
        case .busy(let entry, let operation, let type): .objectBusy(entry, operation: operation, type: type)
        default: .store(error)
        }
    }
}
