import CCrypto

extension LibCrypto {
    /// Runs libcrypto's one-shot `HMAC` with `digest` (such as `EVP_sha384()`), for the HMAC types added after
    /// `HMACSHA256`; checks that OpenSSL wrote exactly `byteCount` bytes.
    static func hmac(
        digest: OpaquePointer?, byteCount: Int, message: [UInt8], key: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        // An empty key still needs a valid pointer: OpenSSL treats a null key as "reuse the previous one".
        let keyBytes = key.isEmpty ? [0] : key
        guard let keyLength = Int32(exactly: key.count) else {
            throw CryptoError(function: "HMAC", reason: "key of \(key.count) bytes is too long")
        }
        var tag = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        try Self.call("HMAC") {
            keyBytes.withUnsafeBytes { keyPointer in
                message.withUnsafeBytes { messagePointer in
                    tag.withUnsafeMutableBufferPointer { output in
                        HMAC(
                            digest, keyPointer.baseAddress, keyLength,
                            messagePointer.baseAddress?.assumingMemoryBound(to: UInt8.self), messagePointer.count,
                            output.baseAddress, &length) != nil
                    }
                }
            }
        }
        guard Int(length) == byteCount else {
            throw CryptoError(function: "HMAC", reason: "returned \(length) bytes instead of \(byteCount)")
        }
        return tag
    }
}
