import Crypto

/// Assembles tokens by hand from raw JSON and Crypto's HMAC, for the shapes `JWTSigner` never makes (no `exp`,
/// `alg: none`, a `qsh` over the query string).
///
/// Crypto is not a declared dependency of this test target; it is reached through Authentication, which depends on
/// it.
enum TokenForge {
    /// `{"alg":…,"typ":"JWT"}`.
    static func header(alg: String = "HS256") -> String {
        #"{"alg":"\#(alg)","typ":"JWT"}"#
    }

    /// Claims JSON with the given fields; `nil` leaves a field out.
    static func claims(iss: String? = "admin", iat: Int64?, exp: Int64?, qsh: String?) -> String {
        var fields: [String] = []
        if let iss { fields.append(#""iss":"\#(iss)""#) }
        if let iat { fields.append(#""iat":\#(iat)"#) }
        if let exp { fields.append(#""exp":\#(exp)"#) }
        if let qsh { fields.append(#""qsh":"\#(qsh)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// Lowercase hex SHA-256 of `METHOD&path`, computed here rather than through `QueryStringHash`.
    static func qsh(_ method: String, _ path: String) throws -> String {
        Hex.encode(try SHA256.hash(Array("\(method)&\(path)".utf8)))
    }

    /// header.payload.HMAC-SHA256 under `key`.
    static func signed(header: String = Self.header(), payload: String, key: String) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "."
            + Base64URL.encode(try HMACSHA256.authenticate(message: Array(input.utf8), key: Array(key.utf8)))
    }

    /// A token with an empty signature, as `alg: none` tokens are sent.
    static func unsigned(header: String, payload: String) -> String {
        Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8)) + "."
    }
}
