import RESTAPI
import StorageModel
import Testing

@Suite struct RouteTableTests {
    static let id = "67e267ea403dfcdf80731165b300d1ca"

    @Test(arguments: [
        ("GET", "/hello", "/hello"), ("GET", "/metrics", "/metrics"), ("POST", "/clusters", "/clusters"),
        ("GET", "/clusters", "/clusters"), ("GET", "/clusters/\(id)", "/clusters/{id}"),
        ("POST", "/clusters/\(id)/flags", "/clusters/{id}/flags"), ("DELETE", "/clusters/\(id)", "/clusters/{id}"),
        ("POST", "/nodes", "/nodes"), ("GET", "/nodes/\(id)", "/nodes/{id}"), ("DELETE", "/nodes/\(id)", "/nodes/{id}"),
        ("POST", "/nodes/\(id)/state", "/nodes/{id}/state"), ("POST", "/nodes/\(id)/tags", "/nodes/{id}/tags"),
        ("POST", "/devices", "/devices"), ("GET", "/devices/\(id)", "/devices/{id}"),
        ("GET", "/devices/\(id)/resync", "/devices/{id}/resync"), ("POST", "/devices/\(id)/tags", "/devices/{id}/tags"),
        ("POST", "/volumes", "/volumes"), ("GET", "/volumes", "/volumes"), ("GET", "/volumes/\(id)", "/volumes/{id}"),
        ("POST", "/volumes/\(id)/expand", "/volumes/{id}/expand"), ("DELETE", "/volumes/\(id)", "/volumes/{id}"),
        ("GET", "/queue/\(id)", "/queue/{id}"), ("GET", "/operations", "/operations"),
        ("GET", "/operations/pending", "/operations/pending"), ("GET", "/admin", "/admin"), ("POST", "/admin", "/admin"),
        ("GET", "/db/dump", "/db/dump"), ("GET", "/backup/db", "/backup/db"),
    ])
    func resolvesEveryRouteToItsTemplate(method: String, path: String, template: String) {
        guard case .route(let route) = RouteTable.resolve(method: method, path: path) else {
            Issue.record("\(method) \(path) did not resolve")
            return
        }
        #expect(route.template == template)
    }

    @Test func parsesIDsIntoTypedValues() throws {
        let id = try VolumeID(parsing: Self.id)
        #expect(RouteTable.resolve(method: "GET", path: "/volumes/\(Self.id)") == .route(.volumeInfo(id)))
        #expect(RouteTable.resolve(method: "DELETE", path: "/volumes/\(Self.id)") == .route(.volumeDelete(id)))
    }

    @Test(arguments: ["/volumes/xyz", "/volumes/67E267EA403DFCDF80731165B300D1CA", "/nodes/..", "/queue/\(String(repeating: "a", count: 33))"])
    func nonHexIDsAreInvalid(path: String) {
        guard case .invalidID = RouteTable.resolve(method: "GET", path: path) else {
            Issue.record("\(path) should be an invalid id")
            return
        }
    }

    @Test func wrongMethodListsTheAllowedOnes() {
        #expect(RouteTable.resolve(method: "PUT", path: "/volumes") == .methodNotAllowed(allowed: ["POST", "GET"]))
        #expect(RouteTable.resolve(method: "PATCH", path: "/volumes/\(Self.id)") == .methodNotAllowed(allowed: ["GET", "DELETE"]))
    }

    @Test(arguments: ["/", "", "/nothing", "/volumes/", "//volumes", "/volumes//expand", "/hello/extra", "volumes"])
    func unknownPathsAreNotFound(path: String) {
        #expect(RouteTable.resolve(method: "GET", path: path) == .notFound)
    }

    @Test func cloneAndBlockVolumesAreUnsupported() {
        #expect(RouteTable.resolve(method: "POST", path: "/volumes/\(Self.id)/clone") == .route(.unsupported("volume clone")))
        #expect(RouteTable.resolve(method: "POST", path: "/blockvolumes") == .route(.unsupported("block volumes")))
    }

    @Test func onlyHelloAndMetricsArePublic() {
        #expect(Route.hello.isPublic)
        #expect(Route.metrics.isPublic)
        #expect(!Route.clusterList.isPublic)
    }
}
