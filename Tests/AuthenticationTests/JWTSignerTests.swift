import Authentication
import Crypto
import Foundation
import Testing

@Suite struct JWTSignerTests {
    /// Made with Python's hmac, hashlib, base64 and json (sorted keys, compact separators) for `admin`/"Key",
    /// `GET /clusters` at 1700000000 with a 600-second lifetime, laid out as Heketi's Go client lays out its tokens.
    static let pythonToken =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJleHAiOjE3MDAwMDA2MDAsImlhdCI6MTcwMDAwMDAwMCwiaXNzIjoiYWRtaW4iLCJxc2giOiI0NzQ5YTU5ZGU4N2MyN2M5"
        + "YjJmNDk1YzVmMTMwOWIyNTI1NjgxZGZlMzBjOGE3YjgzNjI1OTAxYjEzMmE5YzI2In0"
        + ".m50q6i0vMq9fTIHgMa7HCQxWUF6KdSaneOB7ie18M_4"

    private func segments(_ token: String) -> [String] {
        token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    private func text(_ segment: String) -> String? {
        Base64URL.decode(segment).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func matchesATokenMadeIndependentlyInPython() throws {
        let signer = JWTSigner(issuer: "admin", key: "Key")
        let token = try signer.token(method: "GET", path: "/clusters", now: 1_700_000_000)
        #expect(token == Self.pythonToken)
    }

    @Test func headerAndClaimsAreHeketisLayout() throws {
        let signer = JWTSigner(issuer: "user", key: "UserKey")
        let parts = self.segments(try signer.token(method: "POST", path: "/volumes", now: 1_000, lifetime: 300))
        #expect(parts.count == 3)
        #expect(self.text(parts[0]) == #"{"alg":"HS256","typ":"JWT"}"#)
        let qsh = Hex.encode(try SHA256.hash(Array("POST&/volumes".utf8)))
        #expect(self.text(parts[1]) == #"{"exp":1300,"iat":1000,"iss":"user","qsh":"\#(qsh)"}"#)
    }

    @Test func signatureIsHMACSHA256OfTheFirstTwoSegments() throws {
        let parts = self.segments(try JWTSigner(issuer: "admin", key: "secret").token(method: "GET", path: "/", now: 5))
        let expected = try HMACSHA256.authenticate(message: Array("\(parts[0]).\(parts[1])".utf8), key: "secret".utf8)
        #expect(Base64URL.decode(parts[2]) == expected)
    }

    @Test func hs384AndHS512UseTheirOwnMACs() throws {
        let parts384 = self.segments(
            try JWTSigner(issuer: "admin", key: "k", algorithm: .hs384).token(method: "GET", path: "/", now: 5))
        #expect(self.text(parts384[0]) == #"{"alg":"HS384","typ":"JWT"}"#)
        #expect(
            Base64URL.decode(parts384[2])
                == (try HMACSHA384.authenticate(message: Array("\(parts384[0]).\(parts384[1])".utf8), key: "k".utf8)))
        let parts512 = self.segments(
            try JWTSigner(issuer: "admin", key: "k", algorithm: .hs512).token(method: "GET", path: "/", now: 5))
        #expect(self.text(parts512[0]) == #"{"alg":"HS512","typ":"JWT"}"#)
        #expect(
            Base64URL.decode(parts512[2])
                == (try HMACSHA512.authenticate(message: Array("\(parts512[0]).\(parts512[1])".utf8), key: "k".utf8)))
    }

    @Test func queryStringIsLeftOutOfQSH() throws {
        let signer = JWTSigner(issuer: "admin", key: "Key")
        let withQuery = try signer.token(method: "GET", path: "/clusters?verbose=1", now: 1_700_000_000)
        #expect(withQuery == Self.pythonToken)
    }

    @Test func authorizationIsBearerAndTheToken() throws {
        let signer = JWTSigner(issuer: "admin", key: "Key")
        #expect(
            try signer.authorization(method: "GET", path: "/clusters", now: 1_700_000_000) == "Bearer "
                + Self.pythonToken)
    }

    @Test func issuerIsEscapedAsJSON() throws {
        let parts = self.segments(
            try JWTSigner(issuer: "a\"b\\c\n\u{1}", key: "k").token(method: "GET", path: "/", now: 0))
        let payload = try #require(Base64URL.decode(parts[1]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
        #expect(object["iss"] as? String == "a\"b\\c\n\u{1}")
    }

    @Test func lifetimeOverflowSaturates() throws {
        let parts = self.segments(
            try JWTSigner(issuer: "admin", key: "k").token(method: "GET", path: "/", now: .max - 1, lifetime: 10))
        #expect(self.text(parts[1])?.hasPrefix(#"{"exp":9223372036854775807,"#) == true)
    }
}
