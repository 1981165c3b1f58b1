import CCrypto

/// HMAC-SHA512 (RFC 2104, RFC 4231) over libcrypto's one-shot `HMAC`, the signature of HS512 JSON Web Tokens,
/// which Heketi accepts alongside HS256.
public enum HMACSHA512 {
    /// The tag length in bytes.
    public static let byteCount = 64

    /// Returns the 64-byte HMAC-SHA512 tag of `message` under `key`; keys of any length are allowed.
    public static func authenticate(
        message: some Sequence<UInt8>, key: some Sequence<UInt8>
    ) throws(CryptoError) -> [UInt8] {
        try LibCrypto.hmac(digest: EVP_sha512(), byteCount: Self.byteCount, message: Array(message), key: Array(key))
    }

    /// Tells whether `tag` is the HMAC-SHA512 of `message` under `key`, comparing in constant time.
    public static func isValid(
        tag: some Sequence<UInt8>, message: some Sequence<UInt8>, key: some Sequence<UInt8>
    ) throws(CryptoError) -> Bool {
        let expected = try Self.authenticate(message: message, key: key)
        return ConstantTime.equals(expected, Array(tag))
    }
}
