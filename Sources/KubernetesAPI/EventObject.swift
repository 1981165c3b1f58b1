public import Foundation

/// An `events.k8s.io/v1` Event about one object, as a controller reports what it did (`Created`, `Expanded`,
/// `Failed` with the reason). Repeats of one event are not new objects: they become its `series` (count and last
/// time), as client-go's recorder does, so a failing reconcile does not flood etcd.
public struct EventObject: Sendable, Hashable {
    public enum Severity: String, Sendable {
        case normal = "Normal"
        case warning = "Warning"
    }

    /// The object the event is about.
    public struct Regarding: Sendable, Hashable, Codable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        public var namespace: String?
        public var uid: String?

        public init(apiVersion: String, kind: String, name: String, namespace: String?, uid: String?) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
            self.namespace = namespace
            self.uid = uid
        }
    }

    public var regarding: Regarding
    public var severity: Severity
    /// CamelCase, machine-readable: `Created`, `Failed`.
    public var reason: String
    /// What the controller was doing: `Reconcile`, `Delete`.
    public var action: String
    /// The human-readable line.
    public var note: String

    public init(regarding: Regarding, severity: Severity, reason: String, action: String, note: String) {
        self.regarding = regarding
        self.severity = severity
        self.reason = reason
        self.action = action
        // The API refuses notes over 1 kB.
        self.note = note.count > 1024 ? String(note.prefix(1021)) + "..." : note
    }

    /// Events of cluster-scoped objects go to `default`, as kubectl looks for them there.
    public var namespace: String { self.regarding.namespace ?? "default" }

    /// The new Event's JSON: `name` is unique per occurrence, `time` is its eventTime (MicroTime).
    public func body(name: String, time: Date, controller: String, instance: String) -> [UInt8] {
        let object: [String: Any] = [
            "apiVersion": "events.k8s.io/v1", "kind": "Event",
            "metadata": ["name": name, "namespace": self.namespace],
            "eventTime": Self.microTime(time), "reportingController": controller, "reportingInstance": instance,
            "action": self.action, "reason": self.reason, "note": self.note, "type": self.severity.rawValue,
            "regarding": Self.dictionary(self.regarding),
        ]
        return Self.json(object)
    }

    /// The merge patch that records the `count`th occurrence at `time`.
    public static func seriesPatch(count: Int, time: Date) -> [UInt8] {
        Self.json(["series": ["count": count, "lastObservedTime": Self.microTime(time)]])
    }

    /// RFC 3339 with microseconds, in UTC, as `MicroTime` is written.
    public static func microTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"
        return formatter.string(from: date)
    }

    private static func dictionary(_ regarding: Regarding) -> [String: Any] {
        var object: [String: Any] = ["apiVersion": regarding.apiVersion, "kind": regarding.kind, "name": regarding.name]
        if let namespace = regarding.namespace { object["namespace"] = namespace }
        if let uid = regarding.uid { object["uid"] = uid }
        return object
    }

    private static func json(_ object: [String: Any]) -> [UInt8] {
        [UInt8]((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }
}
