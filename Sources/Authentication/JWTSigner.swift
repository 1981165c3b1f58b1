public import Crypto

/// Mints Heketi-style request tokens for Brickyard's command-line client and for tests: one short-lived token per
/// request, bound to its method and path by the `qsh` claim.
///
/// The output is what Heketi's Go client produces: header `{"alg":"HS256","typ":"JWT"}` and claims
/// `{"exp":…,"iat":…,"iss":…,"qsh":…}` with keys sorted as Go's `json.Marshal` sorts a map, so Heketi itself
/// accepts these tokens and byte-for-byte comparisons with Go-made tokens are possible.
public struct JWTSigner: Sendable {
    /// The `iss` claim, normally `admin` or `user`; it selects the server's key.
    public let issuer: String
    /// The HMAC algorithm; HS256 unless a test needs another.
    public let algorithm: JWTAlgorithm
    private let key: [UInt8]

    /// Creates a signer for `issuer` with its shared secret `key` (used as its UTF-8 bytes, as Heketi does).
    public init(issuer: String, key: String, algorithm: JWTAlgorithm = .hs256) {
        self.issuer = issuer
        self.key = Array(key.utf8)
        self.algorithm = algorithm
    }

    /// Returns a compact token for one request issued at `now` (Unix seconds) and expiring `lifetime` seconds
    /// later. A query string in `path` is left out of `qsh`, as the server will leave it out.
    ///
    /// Throws only if libcrypto cannot compute a digest or MAC.
    public func token(
        method: String, path: String, now: Int64, lifetime: Int64 = 600
    ) throws(CryptoError) -> String {
        let header = "{\"alg\":\(Self.quoted(self.algorithm.rawValue)),\"typ\":\"JWT\"}"
        let (expiresAt, overflow) = now.addingReportingOverflow(lifetime)
        let claims =
            "{\"exp\":\(overflow ? Int64.max : expiresAt),\"iat\":\(now),\"iss\":\(Self.quoted(self.issuer)),"
            + "\"qsh\":\(Self.quoted(try QueryStringHash.of(method: method, path: path)))}"
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        let signature = try self.algorithm.authenticate(message: Array(signingInput.utf8), key: self.key)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Returns the `Authorization` header value for one request: `Bearer <token>`.
    public func authorization(
        method: String, path: String, now: Int64, lifetime: Int64 = 600
    ) throws(CryptoError) -> String {
        "Bearer " + (try self.token(method: method, path: path, now: now, lifetime: lifetime))
    }

    /// Returns `text` as a JSON string literal, escaping quotes, backslashes and control characters (RFC 8259 §7).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
