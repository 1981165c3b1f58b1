import Crypto

/// Checks the `Authorization: Bearer <JWT>` credential of one REST request the way Heketi does, so heketi-cli and
/// Heketi's Go and Python clients work unchanged. Pure: no I/O, and the clock is the `now` argument.
///
/// A token is accepted when its header names an HMAC algorithm, its `iss` is `admin` or `user` and that role has a
/// key, its signature verifies under that key, its `exp` is after `now`, its `iat` is at most
/// `issuedAtLeeway` seconds ahead, and its `qsh` is `QueryStringHash.of(method:path:)` for this very request.
/// Parsing, the algorithm and the issuer come first because the key depends on them; the signature is checked
/// before any time or path claim, so a forged token learns nothing about the server's clock or routes.
public struct JWTVerifier: Sendable {
    /// How far `iat` may lie in the future, for clock skew between client and server (Heketi's default, which it
    /// lets `HEKETI_JWT_IAT_LEEWAY_SECONDS` override; the entry module may pass another value).
    public static let defaultIssuedAtLeeway: Int64 = 120

    private let adminKey: [UInt8]?
    private let userKey: [UInt8]?
    private let issuedAtLeeway: Int64

    /// Creates a verifier for Heketi's two shared secrets. A `nil` or empty key means tokens from that issuer are
    /// refused: an empty HMAC key would let anyone mint tokens.
    public init(adminKey: String?, userKey: String?, issuedAtLeeway: Int64 = Self.defaultIssuedAtLeeway) {
        self.adminKey = adminKey.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        self.userKey = userKey.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        self.issuedAtLeeway = issuedAtLeeway
    }

    /// Verifies the raw `Authorization` header value of a request and returns the role it grants.
    ///
    /// - Parameters:
    ///   - authorization: the header value, or `nil` when the request has none.
    ///   - method: the request method as sent, such as `GET`.
    ///   - path: the request path, percent-decoded as Go's `URL.Path`; a query string is ignored.
    ///   - now: the current time in Unix seconds.
    public func verify(
        authorization: String?, method: String, path: String, now: Int64
    ) throws(AuthenticationError) -> Role {
        let token = try Self.bearerToken(from: authorization)
        return try self.verify(token: token, method: method, path: path, now: now)
    }

    /// Verifies a bare compact token (`header.payload.signature`) for a request and returns the role it grants.
    public func verify(token: String, method: String, path: String, now: Int64) throws(AuthenticationError) -> Role {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            throw .malformedToken(segmentCount: segments.count)
        }
        let algorithm = try TokenHeader.algorithm(fromJSON: Self.decode(segments[0], as: .header))
        let claims = try TokenClaims.decode(fromJSON: Self.decode(segments[1], as: .payload))
        let signature = try Self.decode(segments[2], as: .signature)

        guard let issuer = claims.issuer, !issuer.isEmpty else {
            throw .missingIssuer
        }
        guard let role = Role(rawValue: issuer), let key = self.key(for: role) else {
            throw .unknownIssuer(issuer)
        }
        let signingInput = Array(segments[0].utf8) + [UInt8(ascii: ".")] + Array(segments[1].utf8)
        let signatureIsValid: Bool
        do {
            signatureIsValid = try algorithm.isValid(tag: signature, message: signingInput, key: key)
        } catch {
            throw .cryptographyFailed(error)
        }
        guard signatureIsValid else {
            throw .invalidSignature
        }

        try claims.validateTimes(now: now, issuedAtLeeway: self.issuedAtLeeway)

        guard let queryHash = claims.queryHash else {
            throw .missingQueryHash
        }
        let expected: String
        do {
            expected = try QueryStringHash.of(method: method, path: path)
        } catch {
            throw .cryptographyFailed(error)
        }
        guard queryHash == expected else {
            throw .queryHashMismatch(method: method, path: path)
        }
        return role
    }

    private func key(for role: Role) -> [UInt8]? {
        switch role {
        case .admin: self.adminKey
        case .user: self.userKey
        }
    }

    /// Extracts the token from `Bearer <token>`, splitting on runs of whitespace and matching the scheme without
    /// regard to case, as go-jwt-middleware (Heketi's extractor) does; Heketi's Go client sends `bearer`.
    static func bearerToken(from authorization: String?) throws(AuthenticationError) -> String {
        guard let authorization else {
            throw .missingAuthorization
        }
        let fields = authorization.split(whereSeparator: \.isWhitespace)
        guard !fields.isEmpty else {
            throw .missingAuthorization
        }
        guard fields.count == 2, fields[0].lowercased() == "bearer" else {
            throw .malformedAuthorization
        }
        return String(fields[1])
    }

    /// Decodes one base64url segment. Padding is tolerated because jwt-go (Heketi's parser) pads before decoding.
    private static func decode(_ segment: Substring, as name: TokenSegment) throws(AuthenticationError) -> [UInt8] {
        var text = segment
        var padding = 0
        while text.last == "=", padding < 2 {
            text.removeLast()
            padding += 1
        }
        guard let bytes = Base64URL.decode(String(text)) else {
            throw .invalidBase64(name)
        }
        return bytes
    }
}
