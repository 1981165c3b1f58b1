/// Character-class checks for the model's name rules, done on UTF-8 bytes without regular expressions
/// (cheap, and the same on every platform).
enum CharacterRules {
    /// `[a-zA-Z0-9]` plus the given punctuation.
    static func allBytes(of text: String, alphanumericOr punctuation: String) -> Bool {
        let extra = Set(punctuation.utf8)
        return text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || extra.contains(byte)
        }
    }
}
