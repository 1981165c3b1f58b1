import KubernetesAPI

/// What a request path names: a kind, a namespace (nil: all, or a cluster-scoped kind), an object, a subresource.
struct FakeAPIRoute: Sendable, Equatable {
    var resource: ResourceKind
    var namespace: String?
    var name: String?
    var subresource: String?

    /// Reads `/api/v1/...` and `/apis/<group>/<version>/...` against the registered kinds; `nil` for anything else.
    /// `/api/v1/namespaces/x` is the namespace `x` unless a namespaced kind follows it.
    init?(path: String, kinds: [ResourceKind]) {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let group: String
        let version: String
        if segments.first == "api", segments.count >= 2 {
            (group, version) = ("", segments[1])
            segments.removeFirst(2)
        } else if segments.first == "apis", segments.count >= 3 {
            (group, version) = (segments[1], segments[2])
            segments.removeFirst(3)
        } else {
            return nil
        }
        func kind(_ plural: String) -> ResourceKind? {
            kinds.first { $0.group == group && $0.version == version && $0.plural == plural }
        }
        if segments.count >= 3, segments[0] == "namespaces", let namespaced = kind(segments[2]), namespaced.namespaced {
            self.init(resource: namespaced, namespace: segments[1], rest: Array(segments.dropFirst(3)))
        } else if let first = segments.first, let resource = kind(first) {
            self.init(resource: resource, namespace: nil, rest: Array(segments.dropFirst()))
        } else {
            return nil
        }
    }

    private init?(resource: ResourceKind, namespace: String?, rest: [String]) {
        guard rest.count <= 2 else { return nil }
        self.resource = resource
        self.namespace = namespace
        self.name = rest.first
        self.subresource = rest.count == 2 ? rest[1] : nil
    }
}
