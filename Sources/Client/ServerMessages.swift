/// `GET /operations`: how many operations the server holds, by state (Heketi's counts).
public struct OperationCounts: Codable, Hashable, Sendable {
    public var total: Int
    public var inFlight: Int
    public var new: Int
    public var stale: Int
    public var failed: Int

    enum CodingKeys: String, CodingKey {
        case total, new, stale, failed
        case inFlight = "in_flight"
    }

    public init(total: Int, inFlight: Int, new: Int, stale: Int, failed: Int) {
        self.total = total
        self.inFlight = inFlight
        self.new = new
        self.stale = stale
        self.failed = failed
    }
}

/// `GET /admin` and `POST /admin`: `normal`, `read-only` or `local-client`.
public struct AdminStateMessage: Codable, Hashable, Sendable {
    public var state: String

    public init(state: String) {
        self.state = state
    }
}

/// `GET /operations/pending`: the operations the server has not finished (Heketi's `PendingOperationListResponse`).
public struct PendingOperationList: Codable, Hashable, Sendable {
    public var pendingoperations: [PendingOperation]

    public init(pendingoperations: [PendingOperation]) {
        self.pendingoperations = pendingoperations
    }
}

/// One unfinished operation; `GET /operations/pending/{id}` adds the changes it makes.
public struct PendingOperation: Codable, Hashable, Sendable {
    public var id: String
    public var typeName: String
    /// Empty for an operation that has not started (heketi-cli shows it as `New`).
    public var status: String
    public var subStatus: String?
    public var changes: [Change]?

    /// One object the operation creates or removes.
    public struct Change: Codable, Hashable, Sendable {
        public var id: String
        public var description: String

        public init(id: String, description: String) {
            self.id = id
            self.description = description
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, status, changes
        case typeName = "type_name"
        case subStatus = "sub_status"
    }

    public init(id: String, typeName: String, status: String, subStatus: String? = nil, changes: [Change]? = nil) {
        self.id = id
        self.typeName = typeName
        self.status = status
        self.subStatus = subStatus
        self.changes = changes
    }
}

/// `POST /operations/pending/cleanup`: the operations to clean up, or every stale and failed one when `nil`.
public struct PendingOperationCleanup: Codable, Hashable, Sendable {
    public var operations: [String]?

    public init(operations: [String]? = nil) {
        self.operations = operations
    }
}

/// `POST /nodes/{id}/state` and `POST /devices/{id}/state` as heketi-cli sends them: the state and whether the heal
/// check before a removal is skipped (`disable`; empty keeps the server's default).
public struct StateChangeRequest: Codable, Hashable, Sendable {
    public var state: String
    public var healcheck: String

    public init(state: String, skipHealCheck: Bool = false) {
        self.state = state
        self.healcheck = skipHealCheck ? "disable" : ""
    }
}

/// `DELETE /devices/{id}` body, as heketi-cli sends it: `forceforget` drops the device from the database whatever
/// its state.
public struct DeviceDeleteOptions: Codable, Hashable, Sendable {
    public var forceforget: Bool

    public init(forceforget: Bool) {
        self.forceforget = forceforget
    }
}
