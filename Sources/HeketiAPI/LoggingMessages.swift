/// `GET` and `POST /internal/logging`: the log level per component, as Heketi names them. Heketi has one
/// component, `glusterfs`, and so does Brickyard; its levels are `none`, `critical`, `error`, `warning`, `info`
/// and `debug`.
public struct LogLevelMessage: Codable, Hashable, Sendable {
    public var loglevel: [String: String]

    public init(loglevel: [String: String]) {
        self.loglevel = loglevel
    }

    /// The one component Heketi reports.
    public static let component = "glusterfs"
    /// Heketi's level names, quietest first.
    public static let levels = ["none", "critical", "error", "warning", "info", "debug"]

    /// The message that sets (or reports) `level` for Heketi's component.
    public init(level: String) {
        self.loglevel = [Self.component: level]
    }

    /// The level of Heketi's component, if the message names it.
    public var level: String? { self.loglevel[Self.component] }
}
