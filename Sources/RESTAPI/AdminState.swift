/// Heketi's administrative modes: who may change anything.
public enum AdminState: String, Sendable, Codable, CaseIterable {
    /// Every authorized request is served.
    case normal
    /// Only reads (and `POST /admin`) are served; changes answer 503 until the state is normal again.
    case readOnly = "read-only"
    /// Only clients on this host are served, for maintenance.
    case localClient = "local-client"
}

/// `GET /admin` and `POST /admin`.
struct AdminStateMessage: Codable, Sendable {
    var state: String
}
