import Foundation

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5), as JSON Web Tokens require (RFC 7515 §2).
///
/// Built on Foundation's standard base64 by swapping `+/` for `-_` and dropping or restoring `=`.
public enum Base64URL {
    /// Returns the unpadded base64url text of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.last == "=" {
            text.removeLast()
        }
        return String(
            text.map { character in
                switch character {
                case "+": "-"
                case "/": "_"
                default: character
                }
            })
    }

    /// Returns the bytes of unpadded base64url `text`, or `nil` if it holds padding, a character outside the
    /// URL-safe alphabet, or an impossible length.
    public static func decode(_ text: String) -> [UInt8]? {
        guard text.utf8.count % 4 != 1 else {
            return nil
        }
        var standard = ""
        standard.reserveCapacity(text.utf8.count + 2)
        for character in text.unicodeScalars {
            switch character {
            case "-": standard.append("+")
            case "_": standard.append("/")
            case "A"..."Z", "a"..."z", "0"..."9": standard.unicodeScalars.append(character)
            default: return nil
            }
        }
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        return Data(base64Encoded: standard).map { Array($0) }
    }
}
