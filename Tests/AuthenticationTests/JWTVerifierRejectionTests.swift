import Authentication
import Crypto
import Testing

/// Credentials the verifier must refuse, each with the exact error (and so the exact 401 text).
@Suite struct JWTVerifierRejectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var method = "GET"
        var path = "/volumes"
        var authorization: @Sendable () throws -> String?
        var expected: AuthenticationError
        var testDescription: String { self.name }
    }

    static let now = TokenForge.now
    static let volumesQSH = try! TokenForge.qsh("GET", "/volumes")

    static func bearer(_ token: @escaping @Sendable () throws -> String) -> @Sendable () throws -> String? {
        { "Bearer " + (try token()) }
    }

    static func signed(_ payload: String, key: String = TokenForge.adminKey) -> @Sendable () throws -> String? {
        Self.bearer { try TokenForge.token(payload: payload, key: key) }
    }

    /// Replaces one segment of a valid admin token.
    static func swapping(_ index: Int, with replacement: String) -> @Sendable () throws -> String? {
        Self.bearer {
            var parts = try TokenForge.token(payload: try TokenForge.validClaims()).split(separator: ".").map(
                String.init)
            parts[index] = replacement
            return parts.joined(separator: ".")
        }
    }

    static func b64(_ text: String) -> String {
        Base64URL.encode(Array(text.utf8))
    }

    static let cases: [Case] = [
        // The header.
        Case(name: "missing header", authorization: { nil }, expected: .missingAuthorization),
        Case(name: "empty header", authorization: { "" }, expected: .missingAuthorization),
        Case(name: "blank header", authorization: { "  \t" }, expected: .missingAuthorization),
        Case(name: "Basic scheme", authorization: { "Basic YWRtaW46S2V5" }, expected: .malformedAuthorization),
        Case(
            name: "Token scheme",
            authorization: { "Token " + (try TokenForge.token(payload: try TokenForge.validClaims())) },
            expected: .malformedAuthorization),
        Case(
            name: "no scheme", authorization: { try TokenForge.token(payload: try TokenForge.validClaims()) },
            expected: .malformedAuthorization),
        Case(name: "scheme alone", authorization: { "bearer" }, expected: .malformedAuthorization),
        Case(name: "three fields", authorization: { "Bearer a.b.c extra" }, expected: .malformedAuthorization),

        // Segments, base64 and JSON.
        Case(
            name: "one segment", authorization: { "Bearer 123456770309238402938402398409234" },
            expected: .malformedToken(segmentCount: 1)),
        Case(name: "two segments", authorization: { "Bearer abc.def" }, expected: .malformedToken(segmentCount: 2)),
        Case(name: "four segments", authorization: { "Bearer a.b.c.d" }, expected: .malformedToken(segmentCount: 4)),
        Case(name: "only dots", authorization: { "Bearer .." }, expected: .invalidJSON(.header)),
        Case(
            name: "header not base64", authorization: Self.swapping(0, with: "e30*"),
            expected: .invalidBase64(.header)),
        Case(
            name: "header impossible length", authorization: Self.swapping(0, with: "eyJhb"),
            expected: .invalidBase64(.header)),
        Case(
            name: "payload not base64", authorization: Self.swapping(1, with: "ey+J/"),
            expected: .invalidBase64(.payload)),
        Case(
            name: "signature not base64", authorization: Self.swapping(2, with: "sig!"),
            expected: .invalidBase64(.signature)),
        Case(
            name: "header not JSON", authorization: Self.swapping(0, with: Self.b64("not json")),
            expected: .invalidJSON(.header)),
        Case(
            name: "header a JSON array", authorization: Self.swapping(0, with: Self.b64(#"["HS256"]"#)),
            expected: .invalidJSON(.header)),
        Case(
            name: "payload not JSON", authorization: Self.signed(#"{"iss":"admin","#),
            expected: .invalidJSON(.payload)),
        Case(name: "payload a JSON string", authorization: Self.signed(#""admin""#), expected: .invalidJSON(.payload)),

        // Algorithms.
        Case(
            name: "alg none",
            authorization: Self.bearer {
                TokenForge.unsigned(header: #"{"alg":"none","typ":"JWT"}"#, payload: try TokenForge.validClaims())
            },
            expected: .unsupportedAlgorithm("none")),
        Case(
            name: "alg RS256",
            authorization: Self.bearer {
                try TokenForge.token(header: #"{"alg":"RS256","typ":"JWT"}"#, payload: try TokenForge.validClaims())
            },
            expected: .unsupportedAlgorithm("RS256")),
        Case(
            name: "alg ES256",
            authorization: Self.bearer {
                try TokenForge.token(header: #"{"alg":"ES256"}"#, payload: try TokenForge.validClaims())
            },
            expected: .unsupportedAlgorithm("ES256")),
        Case(
            name: "alg in lowercase",
            authorization: Self.bearer {
                try TokenForge.token(header: #"{"alg":"hs256"}"#, payload: try TokenForge.validClaims())
            },
            expected: .unsupportedAlgorithm("hs256")),
        Case(
            name: "alg missing",
            authorization: Self.bearer {
                try TokenForge.token(header: #"{"typ":"JWT"}"#, payload: try TokenForge.validClaims())
            },
            expected: .missingAlgorithm),
        Case(
            name: "alg not a string",
            authorization: Self.bearer {
                try TokenForge.token(header: #"{"alg":256}"#, payload: try TokenForge.validClaims())
            },
            expected: .missingAlgorithm),
        Case(
            name: "HS384 header over an HS256 MAC",
            authorization: Self.bearer {
                try TokenForge.token(header: #"{"alg":"HS384"}"#, payload: try TokenForge.validClaims(), mac: .sha256)
            },
            expected: .invalidSignature),

        // Signatures and keys.
        Case(
            name: "tampered payload",
            authorization: Self.swapping(
                1, with: Self.b64(TokenForge.claims(exp: TokenForge.now + 86_400, qsh: Self.volumesQSH))),
            expected: .invalidSignature),
        Case(
            name: "tampered signature",
            authorization: Self.bearer {
                let token = try TokenForge.token(payload: try TokenForge.validClaims())
                let dot = token.lastIndex(of: ".")!
                let first = token[token.index(after: dot)]
                return token[...dot] + (first == "A" ? "B" : "A") + token[token.index(dot, offsetBy: 2)...]
            },
            expected: .invalidSignature),
        Case(name: "empty signature", authorization: Self.swapping(2, with: ""), expected: .invalidSignature),
        Case(
            name: "wrong key", authorization: Self.signed(try! TokenForge.validClaims(), key: "Badkey"),
            expected: .invalidSignature),
        Case(
            name: "user claims under the admin key",
            authorization: Self.signed(try! TokenForge.validClaims(iss: "user"), key: TokenForge.adminKey),
            expected: .invalidSignature),
        Case(
            name: "admin claims under the user key",
            authorization: Self.signed(try! TokenForge.validClaims(iss: "admin"), key: TokenForge.userKey),
            expected: .invalidSignature),

        // Issuers.
        Case(
            name: "unknown iss",
            authorization: Self.signed(TokenForge.claims(iss: "someotheruser", qsh: Self.volumesQSH)),
            expected: .unknownIssuer("someotheruser")),
        Case(
            name: "iss in capitals", authorization: Self.signed(TokenForge.claims(iss: "Admin", qsh: Self.volumesQSH)),
            expected: .unknownIssuer("Admin")),
        Case(
            name: "missing iss", authorization: Self.signed(TokenForge.claims(iss: nil, qsh: Self.volumesQSH)),
            expected: .missingIssuer),
        Case(
            name: "empty iss", authorization: Self.signed(TokenForge.claims(iss: "", qsh: Self.volumesQSH)),
            expected: .missingIssuer),

        // Times.
        Case(
            name: "missing exp", authorization: Self.signed(TokenForge.claims(exp: nil, qsh: Self.volumesQSH)),
            expected: .missingExpiration),
        Case(
            name: "expired one second ago",
            authorization: Self.signed(TokenForge.claims(exp: Self.now - 1, qsh: Self.volumesQSH)),
            expected: .expired(expiresAt: Self.now - 1, now: Self.now)),
        Case(
            name: "expired long ago",
            authorization: Self.signed(TokenForge.claims(iat: 0, exp: 60, qsh: Self.volumesQSH)),
            expected: .expired(expiresAt: 60, now: Self.now)),
        Case(
            name: "exp at Int64.min",
            authorization: Self.signed(TokenForge.claims(exp: .min, qsh: Self.volumesQSH)),
            expected: .expired(expiresAt: .min, now: Self.now)),
        Case(
            name: "iat 121 s ahead",
            authorization: Self.signed(TokenForge.claims(iat: Self.now + 121, qsh: Self.volumesQSH)),
            expected: .issuedInFuture(issuedAt: Self.now + 121, now: Self.now)),
        Case(
            name: "iat at Int64.max",
            authorization: Self.signed(TokenForge.claims(iat: .max, exp: .max, qsh: Self.volumesQSH)),
            expected: .issuedInFuture(issuedAt: .max, now: Self.now)),
        Case(
            name: "nbf ahead",
            authorization: Self.signed(TokenForge.claims(nbf: Self.now + 1, qsh: Self.volumesQSH)),
            expected: .notYetValid(notBefore: Self.now + 1, now: Self.now)),

        // Request binding.
        Case(name: "missing qsh", authorization: Self.signed(TokenForge.claims(qsh: nil)), expected: .missingQueryHash),
        Case(
            name: "qsh for another path",
            authorization: Self.signed(TokenForge.claims(qsh: try! TokenForge.qsh("GET", "/clusters"))),
            expected: .queryHashMismatch(method: "GET", path: "/volumes")),
        Case(
            name: "qsh for another method",
            authorization: Self.signed(TokenForge.claims(qsh: try! TokenForge.qsh("POST", "/volumes"))),
            expected: .queryHashMismatch(method: "GET", path: "/volumes")),
        Case(
            name: "qsh including the query string", path: "/volumes?name=a",
            authorization: Self.signed(TokenForge.claims(qsh: try! TokenForge.qsh("GET", "/volumes?name=a"))),
            expected: .queryHashMismatch(method: "GET", path: "/volumes?name=a")),
        Case(
            name: "qsh in uppercase hex",
            authorization: Self.signed(TokenForge.claims(qsh: Self.volumesQSH.uppercased())),
            expected: .queryHashMismatch(method: "GET", path: "/volumes")),
        Case(
            name: "Heketi's garbage qsh", authorization: Self.signed(TokenForge.claims(qsh: "12343345678945678a")),
            expected: .queryHashMismatch(method: "GET", path: "/volumes")),

        // Claim types.
        Case(
            name: "exp as a string",
            authorization: Self.signed(#"{"iss":"admin","exp":"1700000600","qsh":"\#(Self.volumesQSH)"}"#),
            expected: .invalidClaimType(claim: "exp", expected: "an integer number of seconds")),
        Case(
            name: "exp fractional",
            authorization: Self.signed(#"{"iss":"admin","exp":1700000600.5,"qsh":"\#(Self.volumesQSH)"}"#),
            expected: .invalidClaimType(claim: "exp", expected: "an integer number of seconds")),
        Case(
            name: "exp beyond Int64",
            authorization: Self.signed(#"{"iss":"admin","exp":1e30,"qsh":"\#(Self.volumesQSH)"}"#),
            expected: .invalidClaimType(claim: "exp", expected: "an integer number of seconds")),
        Case(
            name: "iat as a boolean",
            authorization: Self.signed(#"{"iss":"admin","iat":true,"exp":1700000600,"qsh":"\#(Self.volumesQSH)"}"#),
            expected: .invalidClaimType(claim: "iat", expected: "an integer number of seconds")),
        Case(
            name: "nbf as an object",
            authorization: Self.signed(#"{"iss":"admin","nbf":{},"exp":1700000600,"qsh":"\#(Self.volumesQSH)"}"#),
            expected: .invalidClaimType(claim: "nbf", expected: "an integer number of seconds")),
        Case(
            name: "iss as a number",
            authorization: Self.signed(#"{"iss":1,"exp":1700000600,"qsh":"\#(Self.volumesQSH)"}"#),
            expected: .invalidClaimType(claim: "iss", expected: "a string")),
        Case(
            name: "qsh as an array",
            authorization: Self.signed(#"{"iss":"admin","exp":1700000600,"qsh":["\#(Self.volumesQSH)"]}"#),
            expected: .invalidClaimType(claim: "qsh", expected: "a string")),
    ]

    @Test(arguments: Self.cases)
    func refuses(_ example: Case) throws {
        let authorization = try example.authorization()
        #expect(throws: example.expected) {
            try TokenForge.verifier.verify(
                authorization: authorization, method: example.method, path: example.path, now: Self.now)
        }
    }

    @Test func anIssuerWithoutAKeyIsUnknown() throws {
        let adminOnly = JWTVerifier(adminKey: TokenForge.adminKey, userKey: nil)
        let userToken = try TokenForge.token(payload: try TokenForge.validClaims(iss: "user"), key: TokenForge.userKey)
        #expect(throws: AuthenticationError.unknownIssuer("user")) {
            try adminOnly.verify(token: userToken, method: "GET", path: "/volumes", now: Self.now)
        }
    }

    @Test func anEmptyKeyDisablesItsIssuer() throws {
        let emptyUserKey = JWTVerifier(adminKey: TokenForge.adminKey, userKey: "")
        let forged = try TokenForge.token(payload: try TokenForge.validClaims(iss: "user"), key: "")
        #expect(throws: AuthenticationError.unknownIssuer("user")) {
            try emptyUserKey.verify(token: forged, method: "GET", path: "/volumes", now: Self.now)
        }
    }

    @Test func aSignerTokenForOneRequestDoesNotAuthorizeAnother() throws {
        let token = try JWTSigner(issuer: "admin", key: TokenForge.adminKey)
            .token(method: "GET", path: "/volumes/abc", now: Self.now)
        #expect(throws: AuthenticationError.queryHashMismatch(method: "DELETE", path: "/volumes/abc")) {
            try TokenForge.verifier.verify(token: token, method: "DELETE", path: "/volumes/abc", now: Self.now)
        }
        #expect(throws: AuthenticationError.queryHashMismatch(method: "GET", path: "/volumes/abd")) {
            try TokenForge.verifier.verify(token: token, method: "GET", path: "/volumes/abd", now: Self.now)
        }
    }

    @Test func aSignerTokenExpiresAfterItsLifetime() throws {
        let token = try JWTSigner(issuer: "user", key: TokenForge.userKey)
            .token(method: "GET", path: "/volumes", now: Self.now, lifetime: 300)
        #expect(
            try TokenForge.verifier.verify(token: token, method: "GET", path: "/volumes", now: Self.now + 300) == .user)
        #expect(throws: AuthenticationError.expired(expiresAt: Self.now + 300, now: Self.now + 301)) {
            try TokenForge.verifier.verify(token: token, method: "GET", path: "/volumes", now: Self.now + 301)
        }
    }
}
