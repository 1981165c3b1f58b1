import CCrypto

/// SHA-256 (FIPS 180-4) over libcrypto's one-shot `EVP_Digest`, for JWT signatures and content fingerprints.
public enum SHA256 {
    /// The digest length in bytes.
    public static let byteCount = 32

    /// Returns the 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) throws(CryptoError) -> [UInt8] {
        let input = Array(bytes)
        var digest = [UInt8](repeating: 0, count: Self.byteCount)
        var length: UInt32 = 0
        try LibCrypto.call("EVP_Digest") {
            input.withUnsafeBytes { message in
                digest.withUnsafeMutableBufferPointer { output in
                    EVP_Digest(message.baseAddress, message.count, output.baseAddress, &length, EVP_sha256(), nil) == 1
                }
            }
        }
        guard Int(length) == Self.byteCount else {
            throw CryptoError(function: "EVP_Digest", reason: "returned \(length) bytes instead of \(Self.byteCount)")
        }
        return digest
    }
}
