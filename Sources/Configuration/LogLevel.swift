/// How much the server logs, with Heketi's `glusterfs.loglevel` names.
public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    case none
    case critical
    case error
    case warning
    case info
    case debug
}
