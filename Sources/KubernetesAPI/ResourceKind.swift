import Foundation

/// A kind of object the API serves, as its URL paths need it: group, version, plural, and whether it lives in a
/// namespace. Core kinds (group "") live under `/api/v1`, the others under `/apis/<group>/<version>`.
public struct ResourceKind: Hashable, Sendable {
    public var group: String
    public var version: String
    public var plural: String
    public var namespaced: Bool

    public init(group: String, version: String, plural: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.namespaced = namespaced
    }

    public static let persistentVolumeClaims = ResourceKind(group: "", version: "v1", plural: "persistentvolumeclaims", namespaced: true)
    public static let persistentVolumes = ResourceKind(group: "", version: "v1", plural: "persistentvolumes", namespaced: false)
    public static let events = ResourceKind(group: "events.k8s.io", version: "v1", plural: "events", namespaced: true)
    public static let leases = ResourceKind(group: "coordination.k8s.io", version: "v1", plural: "leases", namespaced: true)
    public static let glusterClusters = ResourceKind(group: "brickyard.io", version: "v1alpha1", plural: "glusterclusters", namespaced: false)
    public static let glusterNodes = ResourceKind(group: "brickyard.io", version: "v1alpha1", plural: "glusternodes", namespaced: false)
    public static let glusterVolumes = ResourceKind(group: "brickyard.io", version: "v1alpha1", plural: "glustervolumes", namespaced: true)

    /// `/api/v1` or `/apis/<group>/<version>`.
    public var prefix: String {
        self.group.isEmpty ? "/api/\(self.version)" : "/apis/\(self.group)/\(self.version)"
    }

    /// The collection: every namespace when `namespace` is nil (or the kind has none).
    public func collection(namespace: String?) -> String {
        guard self.namespaced, let namespace else { return "\(self.prefix)/\(self.plural)" }
        return "\(self.prefix)/namespaces/\(Self.escaped(namespace))/\(self.plural)"
    }

    /// One object, and with `subresource` (`status`) its subresource.
    public func object(_ name: String, namespace: String?, subresource: String? = nil) -> String {
        self.collection(namespace: namespace) + "/" + Self.escaped(name) + (subresource.map { "/" + $0 } ?? "")
    }

    /// Names and namespaces are DNS labels and subdomains, but a path segment is escaped all the same.
    static func escaped(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? segment
    }

    /// RFC 3986's unreserved characters: all that goes into a path segment or a query value unescaped.
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
