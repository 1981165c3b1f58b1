import Authentication
import Client
import Testing

/// Each request gets its own token, bound to its method and path, that the server's verifier accepts.
@Suite struct RequestSignerTests {
    let signer = RequestSigner(credentials: ClientCredentials(user: "admin", secret: "My Secret"))
    let verifier = JWTVerifier(adminKey: "My Secret", userKey: "user key")

    @Test func theServerAcceptsTheTokenForThatRequestOnly() throws {
        let header = try self.signer.authorization(method: "POST", path: "/volumes", now: 1_700_000_000)
        #expect(header.hasPrefix("Bearer "))
        #expect(try self.verifier.verify(authorization: header, method: "POST", path: "/volumes", now: 1_700_000_010) == .admin)
        #expect(throws: AuthenticationError.queryHashMismatch(method: "DELETE", path: "/volumes")) {
            try self.verifier.verify(authorization: header, method: "DELETE", path: "/volumes", now: 1_700_000_010)
        }
        #expect(throws: AuthenticationError.self) {
            try self.verifier.verify(authorization: header, method: "POST", path: "/nodes", now: 1_700_000_010)
        }
    }

    @Test func aQueryStringIsLeftOutOfTheHash() throws {
        let header = try self.signer.authorization(method: "GET", path: "/volumes?verbose=1", now: 1_700_000_000)
        #expect(try self.verifier.verify(authorization: header, method: "GET", path: "/volumes", now: 1_700_000_000) == .admin)
    }

    @Test func tokensExpireAfterTheirLifetime() throws {
        let header = try self.signer.authorization(method: "GET", path: "/clusters", now: 1_700_000_000)
        #expect(throws: AuthenticationError.self) {
            try self.verifier.verify(
                authorization: header, method: "GET", path: "/clusters", now: 1_700_000_000 + self.signer.lifetime + 1)
        }
    }

    @Test func theWrongSecretOrUserIsRefused() throws {
        let wrong = RequestSigner(credentials: ClientCredentials(user: "admin", secret: "guess"))
        let header = try wrong.authorization(method: "GET", path: "/clusters", now: 1_700_000_000)
        #expect(throws: AuthenticationError.invalidSignature) {
            try self.verifier.verify(authorization: header, method: "GET", path: "/clusters", now: 1_700_000_000)
        }
        let user = RequestSigner(credentials: ClientCredentials(user: "user", secret: "user key"))
        let userHeader = try user.authorization(method: "GET", path: "/volumes", now: 1_700_000_000)
        #expect(try self.verifier.verify(authorization: userHeader, method: "GET", path: "/volumes", now: 1_700_000_000) == .user)
    }
}
