import HTTPTypes

/// RFC 7240's `wait` preference (`Prefer: wait=5`): how long a client asks its `GET /queue/{id}` poll to be held while
/// the operation runs. Pure.
///
/// Only the first `wait` in the request counts (RFC 7240 §2: a repeated preference is ignored); a value that is not
/// delta-seconds, or zero, asks for nothing. Longer asks are cut to `longestSeconds`, and `Preference-Applied` names
/// the wait actually granted.
struct WaitPreference: Equatable, Sendable {
    /// The whole seconds to hold the answer, from 1 to `longestSeconds`.
    var seconds: Int

    /// The longest hold granted: long enough that a waiting client polls a few times a minute, short enough that a
    /// held connection never meets a proxy's or a client's idle timeout.
    static let longestSeconds = 10

    /// The `wait` preference among every `Prefer` field, in order; nil when there is none or it is malformed.
    init?(headers: HTTPHeaders) {
        for field in headers.values(for: "Prefer") {
            for preference in field.split(separator: ",") {
                // Parameters after `;` qualify a preference; `wait` defines none.
                let head = preference.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let parts = head.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard Self.trimmed(parts[0]).lowercased() == "wait" else { continue }
                guard parts.count == 2, let seconds = Self.deltaSeconds(Self.unquoted(Self.trimmed(parts[1]))),
                    seconds > 0
                else { return nil }
                self.seconds = min(seconds, Self.longestSeconds)
                return
            }
        }
        return nil
    }

    init(seconds: Int) {
        self.seconds = seconds
    }

    /// The `Preference-Applied` value once the answer was held this long.
    var applied: String { "wait=\(self.seconds)" }

    /// `1*DIGIT`; a number too large for `Int` is as good as the longest wait.
    private static func deltaSeconds(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(text) ?? Int.max
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }

    /// A `quoted-string` value without its quotes (RFC 7240 allows `wait="5"`).
    private static func unquoted(_ text: Substring) -> Substring {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        return text.dropFirst().dropLast()
    }
}
