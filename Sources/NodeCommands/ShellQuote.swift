/// POSIX `sh` quoting of single words, so a command line can cross ssh or `sh -c` without being re-split or
/// expanded: Brickyard never builds a shell string by hand.
public enum ShellQuote {
    /// `word` as one shell word: unchanged when it is made only of characters the shell gives no meaning to,
    /// otherwise wrapped in single quotes with each `'` written as `'\''`.
    public static func quote(_ word: String) -> String {
        if Self.isBare(word) {
            return word
        }
        var quoted = "'"
        for character in word.unicodeScalars {
            if character == "'" {
                quoted += "'\\''"
            } else {
                quoted.unicodeScalars.append(character)
            }
        }
        return quoted + "'"
    }

    /// Quotes each word and joins them with spaces.
    public static func join(_ words: [String]) -> String {
        words.enumerated().map { index, word in
            // A first word with `=` would be read as a variable assignment.
            index == 0 && word.contains("=") ? Self.forceQuote(word) : Self.quote(word)
        }.joined(separator: " ")
    }

    /// True when `word` is non-empty and only holds `[A-Za-z0-9_./:=@%+,-]`.
    public static func isBare(_ word: String) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy(Self.isBareByte)
    }

    static func forceQuote(_ word: String) -> String {
        "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    private static func isBareByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="),
            UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
