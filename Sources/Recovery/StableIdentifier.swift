import StorageModel

/// Ids for what the nodes do not name (a node whose glusterd UUID nobody reports, a directory device, a cluster):
/// derived from stable text with two 64-bit FNV-1a hashes, so recovering the same cluster twice gives the same ids.
/// Not a security measure; the ids only need to be stable and spread out.
enum StableIdentifier {
    static func make<Kind>(_ parts: String...) -> Identifier<Kind> {
        let text = Array(parts.joined(separator: "\u{0}").utf8)
        return Identifier(high: Self.fnv1a(text, basis: 0xcbf2_9ce4_8422_2325), low: Self.fnv1a(text, basis: 0x8422_2325_cbf2_9ce4))
    }

    private static func fnv1a(_ bytes: [UInt8], basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// A glusterd UUID (`8-4-4-4-12` hexadecimal) as an id: the same 128 bits without the dashes.
    static func fromUUID<Kind>(_ uuid: String) -> Identifier<Kind>? {
        let hex = uuid.lowercased().filter { $0 != "-" }
        return try? Identifier(parsing: hex)
    }
}
