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
