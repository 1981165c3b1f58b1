/// `GET /internal/logging` and `POST /internal/logging` (Heketi's `LogLevelInfo`): the server's log level by
/// component, `{"loglevel": {"glusterfs": "info"}}`. A POST sets the levels it names and is answered with the same
/// shape; a level the server does not know is refused with 422 and a one-line text body.
public struct LogLevelMessage: Codable, Hashable, Sendable {
    /// Heketi's one component; its server logs under this name.
    public static let component = "glusterfs"

    public var loglevel: [String: String]

    public init(loglevel: [String: String]) {
        self.loglevel = loglevel
    }

    /// The message that sets (or reports) `level` for Heketi's component.
    public init(level: String) {
        self.loglevel = [Self.component: level]
    }

    /// The level of Heketi's component, if the message names it.
    public var level: String? { self.loglevel[Self.component] }
}
