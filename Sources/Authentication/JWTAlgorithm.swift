import Crypto

/// The HMAC signatures a token may carry. Heketi accepts any HMAC method (`HS256`, `HS384`, `HS512`) and nothing
/// else; accepting only symmetric algorithms rules out `alg: none` and RSA/ECDSA key-confusion tricks.
public enum JWTAlgorithm: String, Sendable, Hashable, CaseIterable {
    case hs256 = "HS256"
    case hs384 = "HS384"
    case hs512 = "HS512"

    /// Returns the MAC of `message` under `key` with this algorithm's hash.
    func authenticate(message: [UInt8], key: [UInt8]) throws(CryptoError) -> [UInt8] {
        switch self {
        case .hs256: try HMACSHA256.authenticate(message: message, key: key)
        case .hs384: try HMACSHA384.authenticate(message: message, key: key)
        case .hs512: try HMACSHA512.authenticate(message: message, key: key)
        }
    }

    /// Tells whether `tag` is the MAC of `message` under `key`, comparing in constant time.
    func isValid(tag: [UInt8], message: [UInt8], key: [UInt8]) throws(CryptoError) -> Bool {
        let expected = try self.authenticate(message: message, key: key)
        return ConstantTime.equals(expected, tag)
    }
}
