import CCrypto

/// HMAC-SHA256 (RFC 2104) over libcrypto's one-shot `HMAC`, the signature of HS256 JSON Web Tokens.
public enum HMACSHA256 {
    /// The tag length in bytes.
    public static let byteCount = 32

    /// Returns the 32-byte HMAC-SHA256 tag of `message` under `key`; keys of any length are allowed.
    public static func authenticate(
        message: some Sequence<UInt8>, key: some Sequence<UInt8>
    ) throws(CryptoError) -> [UInt8] {
        let message = Array(message)
        // An empty key still needs a valid pointer: OpenSSL treats a null key as "reuse the previous one".
        let key = Array(key)
        let keyBytes = key.isEmpty ? [0] : key
        guard let keyLength = Int32(exactly: key.count) else {
            throw CryptoError(function: "HMAC", reason: "key of \(key.count) bytes is too long")
        }
        var tag = [UInt8](repeating: 0, count: Self.byteCount)
        var length: UInt32 = 0
        try LibCrypto.call("HMAC") {
            keyBytes.withUnsafeBytes { keyPointer in
                message.withUnsafeBytes { messagePointer in
                    tag.withUnsafeMutableBufferPointer { output in
                        HMAC(
                            EVP_sha256(), keyPointer.baseAddress, keyLength,
                            messagePointer.baseAddress?.assumingMemoryBound(to: UInt8.self), messagePointer.count,
                            output.baseAddress, &length) != nil
                    }
                }
            }
        }
        guard Int(length) == Self.byteCount else {
            throw CryptoError(function: "HMAC", reason: "returned \(length) bytes instead of \(Self.byteCount)")
        }
        return tag
    }

    /// Tells whether `tag` is the HMAC-SHA256 of `message` under `key`, comparing in constant time.
    public static func isValid(
        tag: some Sequence<UInt8>, message: some Sequence<UInt8>, key: some Sequence<UInt8>
    ) throws(CryptoError) -> Bool {
        let expected = try Self.authenticate(message: message, key: key)
        return ConstantTime.equals(expected, Array(tag))
    }
}
