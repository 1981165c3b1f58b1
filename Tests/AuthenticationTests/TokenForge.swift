import Authentication
import Crypto

/// Builds tokens by hand from raw JSON text and Crypto's HMACs, independently of `JWTSigner`, so the verifier is
/// checked against tokens the way any other JWT library would assemble them.
enum TokenForge {
    /// The fixed clock of every test (2023-11-14T22:13:20Z).
    static let now: Int64 = 1_700_000_000
    /// Heketi's own test secrets.
    static let adminKey = "Key"
    static let userKey = "UserKey"
    static let verifier = JWTVerifier(adminKey: Self.adminKey, userKey: Self.userKey)
    static let hs256Header = #"{"alg":"HS256","typ":"JWT"}"#

    enum MAC: Sendable {
        case sha256, sha384, sha512
    }

    /// The `qsh` of a request, computed here rather than through `QueryStringHash`.
    static func qsh(_ method: String, _ path: String) throws -> String {
        Hex.encode(try SHA256.hash(Array("\(method)&\(path)".utf8)))
    }

    /// Claims JSON text with the given fields; `nil` leaves a field out.
    static func claims(
        iss: String? = "admin", iat: Int64? = Self.now, exp: Int64? = Self.now + 600, nbf: Int64? = nil,
        qsh: String?
    ) -> String {
        var fields = [String]()
        if let iss { fields.append(#""iss":"\#(iss)""#) }
        if let iat { fields.append(#""iat":\#(iat)"#) }
        if let exp { fields.append(#""exp":\#(exp)"#) }
        if let nbf { fields.append(#""nbf":\#(nbf)"#) }
        if let qsh { fields.append(#""qsh":"\#(qsh)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A valid admin claim set for `GET /volumes`.
    static func validClaims(iss: String = "admin") throws -> String {
        Self.claims(iss: iss, qsh: try Self.qsh("GET", "/volumes"))
    }

    /// A compact token: base64url(header) "." base64url(payload) "." base64url(MAC over the first two).
    static func token(
        header: String = Self.hs256Header, payload: String, key: String = Self.adminKey, mac: MAC = .sha256
    ) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let message = Array(input.utf8)
        let keyBytes = Array(key.utf8)
        let tag =
            switch mac {
            case .sha256: try HMACSHA256.authenticate(message: message, key: keyBytes)
            case .sha384: try HMACSHA384.authenticate(message: message, key: keyBytes)
            case .sha512: try HMACSHA512.authenticate(message: message, key: keyBytes)
            }
        return input + "." + Base64URL.encode(tag)
    }

    /// A token whose signature segment is empty, as `alg: none` tokens are sent.
    static func unsigned(header: String, payload: String) -> String {
        Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8)) + "."
    }
}
