internal import StorageModel

/// The one table of Brickyard's REST routes: method, path template, and how to build the `Route`.
public enum RouteTable {
    /// What a method and path resolve to.
    public enum Resolution: Hashable, Sendable {
        case route(Route)
        /// An `{id}` segment is not an id (32 lowercase hex characters): no such object can exist.
        case invalidID(field: String, value: String)
        /// The path exists, but not with this method.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    struct Entry: Sendable {
        let method: String
        let template: String
        let build: @Sendable (String?) throws(ValidationError) -> Route
        let matches: @Sendable (Route) -> Bool
        /// The template split once, not on every request.
        let segments: [Substring]

        init(
            method: String, template: String, build: @escaping @Sendable (String?) throws(ValidationError) -> Route,
            matches: @escaping @Sendable (Route) -> Bool
        ) {
            self.method = method
            self.template = template
            self.build = build
            self.matches = matches
            self.segments = template.split(separator: "/")
        }
    }

    static func fixed(_ method: String, _ template: String, _ route: Route) -> Entry {
        Entry(method: method, template: template, build: { _ throws(ValidationError) in route }, matches: { $0 == route })
    }

    static func withID<Kind>(
        _ method: String, _ template: String, _ make: @escaping @Sendable (Identifier<Kind>) -> Route,
        _ matches: @escaping @Sendable (Route) -> Bool
    ) -> Entry {
        Entry(
            method: method, template: template,
            build: { text throws(ValidationError) in make(try Identifier<Kind>(parsing: text ?? "")) },
            matches: matches)
    }

    // swift-format-ignore
    static let entries: [Entry] = [
        fixed("GET", "/hello", .hello),
        fixed("GET", "/metrics", .metrics),
        fixed("POST", "/clusters", .clusterCreate),
        fixed("GET", "/clusters", .clusterList),
        withID("GET", "/clusters/{id}", Route.clusterInfo) { if case .clusterInfo = $0 { true } else { false } },
        withID("POST", "/clusters/{id}/flags", Route.clusterSetFlags) { if case .clusterSetFlags = $0 { true } else { false } },
        withID("DELETE", "/clusters/{id}", Route.clusterDelete) { if case .clusterDelete = $0 { true } else { false } },
        fixed("POST", "/nodes", .nodeAdd),
        withID("GET", "/nodes/{id}", Route.nodeInfo) { if case .nodeInfo = $0 { true } else { false } },
        withID("DELETE", "/nodes/{id}", Route.nodeDelete) { if case .nodeDelete = $0 { true } else { false } },
        withID("POST", "/nodes/{id}/state", Route.nodeSetState) { if case .nodeSetState = $0 { true } else { false } },
        withID("POST", "/nodes/{id}/tags", Route.nodeSetTags) { if case .nodeSetTags = $0 { true } else { false } },
        fixed("POST", "/devices", .deviceAdd),
        withID("GET", "/devices/{id}", Route.deviceInfo) { if case .deviceInfo = $0 { true } else { false } },
        withID("DELETE", "/devices/{id}", Route.deviceDelete) { if case .deviceDelete = $0 { true } else { false } },
        withID("POST", "/devices/{id}/state", Route.deviceSetState) { if case .deviceSetState = $0 { true } else { false } },
        withID("GET", "/devices/{id}/resync", Route.deviceResync) { if case .deviceResync = $0 { true } else { false } },
        withID("POST", "/devices/{id}/tags", Route.deviceSetTags) { if case .deviceSetTags = $0 { true } else { false } },
        fixed("POST", "/volumes", .volumeCreate),
        fixed("GET", "/volumes", .volumeList),
        withID("GET", "/volumes/{id}", Route.volumeInfo) { if case .volumeInfo = $0 { true } else { false } },
        withID("POST", "/volumes/{id}/expand", Route.volumeExpand) { if case .volumeExpand = $0 { true } else { false } },
        withID("DELETE", "/volumes/{id}", Route.volumeDelete) { if case .volumeDelete = $0 { true } else { false } },
        fixed("POST", "/volumes/{id}/clone", .unsupported("volume clone")),
        fixed("POST", "/blockvolumes", .unsupported("block volumes")),
        fixed("GET", "/blockvolumes", .unsupported("block volumes")),
        fixed("GET", "/blockvolumes/{id}", .unsupported("block volumes")),
        fixed("POST", "/blockvolumes/{id}/expand", .unsupported("block volumes")),
        fixed("DELETE", "/blockvolumes/{id}", .unsupported("block volumes")),
        withID("GET", "/queue/{id}", Route.queue) { if case .queue = $0 { true } else { false } },
        fixed("GET", "/operations", .operations),
        fixed("GET", "/operations/pending", .operationsPending),
        fixed("GET", "/admin", .adminStateGet),
        fixed("POST", "/admin", .adminStateSet),
        fixed("GET", "/db/dump", .databaseDump),
        fixed("GET", "/db/check", .databaseCheck),
        fixed("GET", "/internal/logging", .loggingGet),
        fixed("POST", "/internal/logging", .loggingSet),
        fixed("GET", "/internal/state/examine/gluster", .examineGluster),
        fixed("GET", "/backup/db", .databaseBackup),
    ]

    /// Finds the route for a method and a decoded path (no query string).
    public static func resolve(method: String, path: String) -> Resolution {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard path.hasPrefix("/"), !segments.contains(where: \.isEmpty) || path == "/" else { return .notFound }
        var allowed: [String] = []
        for entry in Self.entries {
            let pattern = entry.segments
            guard pattern.count == segments.count else { continue }
            var parameter: String?
            var matched = true
            for (expected, actual) in zip(pattern, segments) {
                if expected == "{id}" {
                    parameter = String(actual)
                } else if expected != actual {
                    matched = false
                    break
                }
            }
            guard matched else { continue }
            guard entry.method == method else {
                if !allowed.contains(entry.method) { allowed.append(entry.method) }
                continue
            }
            do {
                return .route(try entry.build(parameter))
            } catch {
                return .invalidID(field: error.field, value: error.value)
            }
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }
}
