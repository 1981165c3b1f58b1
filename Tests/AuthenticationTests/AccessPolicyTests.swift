import Authentication
import Testing

@Suite struct AccessPolicyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var role: Role
        var method: String
        var path: String
        var allowed: Bool
        var testDescription: String { "\(self.role) \(self.method) \(self.path) -> \(self.allowed)" }
    }

    static let cases: [Case] = [
        // The user role: list, create and read volumes, follow queued operations.
        Case(role: .user, method: "GET", path: "/volumes", allowed: true),
        Case(role: .user, method: "POST", path: "/volumes", allowed: true),
        Case(role: .user, method: "GET", path: "/volumes/0123456789abcdef0123456789abcdef", allowed: true),
        Case(role: .user, method: "GET", path: "/queue/0123456789abcdef0123456789abcdef", allowed: true),
        Case(role: .user, method: "GET", path: "/volumes?name=vol_1", allowed: true),
        Case(role: .user, method: "GET", path: "/volumes/ABCdef12?verbose", allowed: true),
        // Everything else needs admin.
        Case(role: .user, method: "DELETE", path: "/volumes/0123abcd", allowed: false),
        Case(role: .user, method: "POST", path: "/volumes/0123abcd/expand", allowed: false),
        Case(role: .user, method: "POST", path: "/volumes/0123abcd/clone", allowed: false),
        Case(role: .user, method: "POST", path: "/volumes/0123abcd/block-restriction", allowed: false),
        Case(role: .user, method: "GET", path: "/volumes/0123abcd/expand", allowed: false),
        Case(role: .user, method: "POST", path: "/volumes/0123abcd", allowed: false),
        Case(role: .user, method: "PUT", path: "/volumes", allowed: false),
        Case(role: .user, method: "DELETE", path: "/volumes", allowed: false),
        Case(role: .user, method: "HEAD", path: "/volumes", allowed: false),
        Case(role: .user, method: "get", path: "/volumes", allowed: false),
        Case(role: .user, method: "DELETE", path: "/queue/0123abcd", allowed: false),
        Case(role: .user, method: "GET", path: "/queue", allowed: false),
        Case(role: .user, method: "GET", path: "/queue/0123abcd/extra", allowed: false),
        Case(role: .user, method: "GET", path: "/clusters", allowed: false),
        Case(role: .user, method: "POST", path: "/clusters", allowed: false),
        Case(role: .user, method: "GET", path: "/clusters/0123abcd", allowed: false),
        Case(role: .user, method: "POST", path: "/nodes", allowed: false),
        Case(role: .user, method: "GET", path: "/nodes/0123abcd", allowed: false),
        Case(role: .user, method: "POST", path: "/devices", allowed: false),
        Case(role: .user, method: "GET", path: "/devices/0123abcd", allowed: false),
        Case(role: .user, method: "GET", path: "/blockvolumes", allowed: false),
        Case(role: .user, method: "POST", path: "/blockvolumes", allowed: false),
        Case(role: .user, method: "GET", path: "/topology", allowed: false),
        Case(role: .user, method: "GET", path: "/backup/db", allowed: false),
        Case(role: .user, method: "GET", path: "/db/dump", allowed: false),
        Case(role: .user, method: "GET", path: "/internal/logging", allowed: false),
        Case(role: .user, method: "POST", path: "/internal/logging", allowed: false),
        Case(role: .user, method: "GET", path: "/", allowed: false),
        Case(role: .user, method: "GET", path: "", allowed: false),
        // Paths that only look like user routes.
        Case(role: .user, method: "GET", path: "/volumes/", allowed: false),
        Case(role: .user, method: "GET", path: "/volumes/..", allowed: false),
        Case(role: .user, method: "GET", path: "/volumes/../clusters", allowed: false),
        Case(role: .user, method: "GET", path: "/volumes/a.b", allowed: false),
        Case(role: .user, method: "GET", path: "//volumes", allowed: false),
        Case(role: .user, method: "GET", path: "volumes", allowed: false),
        Case(role: .user, method: "GET", path: "/Volumes", allowed: false),
        Case(role: .user, method: "POST", path: "/volumes/", allowed: false),
        // The admin role may do anything.
        Case(role: .admin, method: "GET", path: "/volumes", allowed: true),
        Case(role: .admin, method: "DELETE", path: "/volumes/0123abcd", allowed: true),
        Case(role: .admin, method: "POST", path: "/volumes/0123abcd/expand", allowed: true),
        Case(role: .admin, method: "POST", path: "/clusters", allowed: true),
        Case(role: .admin, method: "DELETE", path: "/nodes/0123abcd", allowed: true),
        Case(role: .admin, method: "GET", path: "/backup/db", allowed: true),
        Case(role: .admin, method: "GET", path: "/queue/0123abcd", allowed: true),
    ]

    @Test(arguments: Self.cases)
    func decides(_ example: Case) {
        #expect(AccessPolicy.allows(role: example.role, method: example.method, path: example.path) == example.allowed)
    }

    @Test func authorizeThrowsAdministratorRequiredWithTheRequest() {
        #expect(throws: AuthenticationError.administratorRequired(method: "DELETE", path: "/volumes/ab")) {
            try AccessPolicy.authorize(role: .user, method: "DELETE", path: "/volumes/ab")
        }
        #expect(throws: Never.self) {
            try AccessPolicy.authorize(role: .user, method: "GET", path: "/volumes/ab")
        }
        #expect(
            AuthenticationError.administratorRequired(method: "GET", path: "/").description
                == "Administrator access required")
    }
}
