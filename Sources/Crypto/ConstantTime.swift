import CCrypto

/// Comparison whose duration does not depend on where two byte strings differ, over libcrypto's `CRYPTO_memcmp`,
/// so that checking a MAC or token does not leak how much of a forged one was right.
public enum ConstantTime {
    /// Tells whether `lhs` and `rhs` hold the same bytes. Only the lengths are compared in variable time, since a
    /// MAC's length is public.
    public static func equals(_ lhs: some Sequence<UInt8>, _ rhs: some Sequence<UInt8>) -> Bool {
        let lhs = Array(lhs)
        let rhs = Array(rhs)
        guard lhs.count == rhs.count else {
            return false
        }
        guard !lhs.isEmpty else {
            return true
        }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}
