import Foundation

/// One request to the API server, built apart from sending it: method, path with query, headers, body. The
/// transport (libcurl) only sends what this says, so what is asked of the server is tested without one.
public struct APIRequest: Hashable, Sendable {
    public var method: String
    /// The path with its query, as it goes on the request line.
    public var target: String
    public var headers: [String: String]
    public var body: [UInt8]?

    public init(method: String, target: String, headers: [String: String] = [:], body: [UInt8]? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    static let json = "application/json"

    public static func get(_ kind: ResourceKind, _ name: String, namespace: String?) -> APIRequest {
        APIRequest(method: "GET", target: kind.object(name, namespace: namespace), headers: ["Accept": Self.json])
    }

    /// A page of a list: `limit` objects, from `continue` when given.
    public static func list(
        _ kind: ResourceKind, namespace: String?, limit: Int? = nil, continue token: String? = nil,
        labelSelector: String? = nil
    ) -> APIRequest {
        var query: [(String, String)] = []
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        if let limit { query.append(("limit", String(limit))) }
        if let token { query.append(("continue", token)) }
        return APIRequest(
            method: "GET", target: kind.collection(namespace: namespace) + Self.query(query), headers: ["Accept": Self.json])
    }

    /// A watch from `resourceVersion`, with bookmarks, ended by the server after `timeoutSeconds`.
    public static func watch(
        _ kind: ResourceKind, namespace: String?, resourceVersion: String, timeoutSeconds: Int = 300,
        labelSelector: String? = nil
    ) -> APIRequest {
        var query: [(String, String)] = [("watch", "1"), ("resourceVersion", resourceVersion), ("allowWatchBookmarks", "true"),
                                          ("timeoutSeconds", String(timeoutSeconds))]
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        return APIRequest(
            method: "GET", target: kind.collection(namespace: namespace) + Self.query(query), headers: ["Accept": Self.json])
    }

    public static func create(_ kind: ResourceKind, namespace: String?, body: [UInt8]) -> APIRequest {
        Self.write("POST", kind.collection(namespace: namespace), contentType: Self.json, body: body)
    }

    /// A whole-object update; the body's `metadata.resourceVersion` makes a stale one a 409.
    public static func update(
        _ kind: ResourceKind, _ name: String, namespace: String?, subresource: String? = nil, body: [UInt8]
    ) -> APIRequest {
        Self.write("PUT", kind.object(name, namespace: namespace, subresource: subresource), contentType: Self.json, body: body)
    }

    /// A JSON merge patch (RFC 7386), of the object or its `status`.
    public static func mergePatch(
        _ kind: ResourceKind, _ name: String, namespace: String?, subresource: String? = nil, body: [UInt8]
    ) -> APIRequest {
        Self.write(
            "PATCH", kind.object(name, namespace: namespace, subresource: subresource),
            contentType: "application/merge-patch+json", body: body)
    }

    /// A delete, only of the object with this uid and resource version when given, its dependents as `propagation`
    /// says (`Foreground`, `Background`, `Orphan`).
    public static func delete(
        _ kind: ResourceKind, _ name: String, namespace: String?, uid: String? = nil, resourceVersion: String? = nil,
        propagation: String? = nil
    ) -> APIRequest {
        var options = DeleteOptions(propagationPolicy: propagation)
        if uid != nil || resourceVersion != nil {
            options.preconditions = DeleteOptions.Preconditions(uid: uid, resourceVersion: resourceVersion)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(options)).map { [UInt8]($0) } ?? []
        return Self.write("DELETE", kind.object(name, namespace: namespace), contentType: Self.json, body: body)
    }

    /// A request with a body: JSON answers accepted, the body's type said.
    private static func write(_ method: String, _ target: String, contentType: String, body: [UInt8]) -> APIRequest {
        APIRequest(method: method, target: target, headers: ["Accept": Self.json, "Content-Type": contentType], body: body)
    }

    /// `?a=1&b=2`, each value escaped for a query; empty for no pairs.
    static func query(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\($0.0)=\(ResourceKind.escaped($0.1))" }.joined(separator: "&")
    }

}

/// `DeleteOptions` as the API reads it.
private struct DeleteOptions: Encodable {
    struct Preconditions: Encodable {
        var uid: String?
        var resourceVersion: String?
    }

    var kind = "DeleteOptions"
    var apiVersion = "v1"
    var propagationPolicy: String?
    var preconditions: Preconditions?
}
