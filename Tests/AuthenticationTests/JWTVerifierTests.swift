import Authentication
import Crypto
import Testing

/// Tokens the verifier must accept.
@Suite struct JWTVerifierTests {
    let now = TokenForge.now
    let verifier = TokenForge.verifier

    @Test(arguments: Role.allCases)
    func signerRoundTripsEachRole(_ role: Role) throws {
        let key = role == .admin ? TokenForge.adminKey : TokenForge.userKey
        let header = try JWTSigner(issuer: role.rawValue, key: key)
            .authorization(method: "POST", path: "/volumes", now: self.now)
        #expect(
            try self.verifier.verify(authorization: header, method: "POST", path: "/volumes", now: self.now) == role)
    }

    @Test(arguments: [TokenForge.MAC.sha256, .sha384, .sha512])
    func acceptsAHandMadeTokenForEachHMAC(_ mac: TokenForge.MAC) throws {
        let alg =
            switch mac {
            case .sha256: "HS256"
            case .sha384: "HS384"
            case .sha512: "HS512"
            }
        let token = try TokenForge.token(
            header: #"{"typ":"JWT","alg":"\#(alg)"}"#, payload: try TokenForge.validClaims(), mac: mac)
        #expect(try self.verifier.verify(token: token, method: "GET", path: "/volumes", now: self.now) == .admin)
    }

    @Test func acceptsAHandMadeUserToken() throws {
        let token = try TokenForge.token(payload: try TokenForge.validClaims(iss: "user"), key: TokenForge.userKey)
        #expect(
            try self.verifier.verify(authorization: "Bearer \(token)", method: "GET", path: "/volumes", now: self.now)
                == .user)
    }

    @Test func acceptsTheTokenPythonMade() throws {
        let header = "bearer " + JWTSignerTests.pythonToken
        #expect(
            try self.verifier.verify(authorization: header, method: "GET", path: "/clusters", now: self.now) == .admin)
    }

    @Test(arguments: ["Bearer", "bearer", "BEARER", "bEaReR"])
    func schemeIsCaseInsensitive(_ scheme: String) throws {
        let token = try TokenForge.token(payload: try TokenForge.validClaims())
        #expect(
            try self.verifier.verify(
                authorization: "\(scheme) \(token)", method: "GET", path: "/volumes", now: self.now)
                == .admin)
    }

    @Test(arguments: [("Bearer  ", ""), ("Bearer\t", ""), (" Bearer ", " "), ("Bearer ", "\r\n")])
    func whitespaceAroundTheTokenIsTolerated(_ prefix: String, _ suffix: String) throws {
        let token = try TokenForge.token(payload: try TokenForge.validClaims())
        let header = prefix + token + suffix
        #expect(
            try self.verifier.verify(authorization: header, method: "GET", path: "/volumes", now: self.now) == .admin)
    }

    @Test func queryStringIsIgnoredByQSH() throws {
        let token = try TokenForge.token(payload: try TokenForge.validClaims())
        #expect(
            try self.verifier.verify(token: token, method: "GET", path: "/volumes?name=a&size=3", now: self.now)
                == .admin)
    }

    @Test(arguments: [-3_600, 0, 119, 120] as [Int64])
    func issuedAtUpToTheLeewayAheadIsAccepted(_ lead: Int64) throws {
        let payload = TokenForge.claims(
            iat: self.now + lead, exp: self.now + 600, qsh: try TokenForge.qsh("GET", "/volumes"))
        let token = try TokenForge.token(payload: payload)
        #expect(try self.verifier.verify(token: token, method: "GET", path: "/volumes", now: self.now) == .admin)
    }

    @Test func iatIsOptionalAndExpOneSecondAheadIsValid() throws {
        let payload = TokenForge.claims(iat: nil, exp: self.now + 1, qsh: try TokenForge.qsh("GET", "/volumes"))
        let token = try TokenForge.token(payload: payload)
        #expect(try self.verifier.verify(token: token, method: "GET", path: "/volumes", now: self.now) == .admin)
    }

    @Test func notBeforeEqualToNowIsValid() throws {
        let payload = TokenForge.claims(nbf: self.now, qsh: try TokenForge.qsh("GET", "/volumes"))
        let token = try TokenForge.token(payload: payload)
        #expect(try self.verifier.verify(token: token, method: "GET", path: "/volumes", now: self.now) == .admin)
    }

    @Test func unknownHeaderFieldsAndClaimsAreIgnored() throws {
        let qsh = try TokenForge.qsh("GET", "/volumes")
        let payload = #"{"iss":"admin","sub":"x","aud":["a"],"exp":\#(self.now + 5),"qsh":"\#(qsh)","x":{"y":null}}"#
        let token = try TokenForge.token(header: #"{"alg":"HS256","kid":"k1"}"#, payload: payload)
        #expect(try self.verifier.verify(token: token, method: "GET", path: "/volumes", now: self.now) == .admin)
    }

    @Test func integralTimesWrittenAsFloatsAreAccepted() throws {
        let qsh = try TokenForge.qsh("GET", "/volumes")
        let payload = #"{"iss":"admin","iat":1.7e9,"exp":1700000600.0,"qsh":"\#(qsh)"}"#
        let token = try TokenForge.token(payload: payload)
        #expect(try self.verifier.verify(token: token, method: "GET", path: "/volumes", now: self.now) == .admin)
    }

    @Test func paddedSegmentsAreAcceptedAsJWTGoDoes() throws {
        // The MAC covers the segments as sent, so a client that pads signs the padded text.
        func padded(_ bytes: [UInt8]) -> String {
            let text = Base64URL.encode(bytes)
            return text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        }
        let header = padded(Array(#"{"alg":"HS256"}"#.utf8))
        let payload = padded(Array(try TokenForge.validClaims().utf8))
        let input = header + "." + payload
        let tag = try HMACSHA256.authenticate(message: Array(input.utf8), key: Array(TokenForge.adminKey.utf8))
        let token = input + "." + padded(tag)
        #expect(token.contains("="))
        #expect(try self.verifier.verify(token: token, method: "GET", path: "/volumes", now: self.now) == .admin)
    }

    @Test func aCustomLeewayIsHonoured() throws {
        let strict = JWTVerifier(adminKey: TokenForge.adminKey, userKey: nil, issuedAtLeeway: 0)
        let ahead = TokenForge.claims(iat: self.now + 1, qsh: try TokenForge.qsh("GET", "/volumes"))
        #expect(throws: AuthenticationError.issuedInFuture(issuedAt: self.now + 1, now: self.now)) {
            try strict.verify(
                token: try TokenForge.token(payload: ahead), method: "GET", path: "/volumes", now: self.now)
        }
        let onTime = try TokenForge.token(payload: try TokenForge.validClaims())
        #expect(try strict.verify(token: onTime, method: "GET", path: "/volumes", now: self.now) == .admin)
    }
}

@Suite struct JWTExpiryBoundaryTests {
    /// Heketi's Python client signs with `exp = iat + 1`; its token must pass through the second of `exp`.
    @Test func aTokenIsValidThroughTheSecondOfItsExpiry() throws {
        let payload = TokenForge.claims(iat: TokenForge.now - 1, exp: TokenForge.now, qsh: try TokenForge.qsh("GET", "/volumes"))
        let token = try TokenForge.token(payload: payload)
        #expect(try TokenForge.verifier.verify(authorization: "Bearer \(token)", method: "GET", path: "/volumes", now: TokenForge.now) == .admin)
        #expect(throws: AuthenticationError.self) {
            try TokenForge.verifier.verify(authorization: "Bearer \(token)", method: "GET", path: "/volumes", now: TokenForge.now + 1)
        }
    }
}
