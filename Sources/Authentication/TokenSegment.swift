/// The three dot-separated parts of a compact JSON Web Token (RFC 7515 §7.1), named in error messages so a client
/// author sees which part is broken.
public enum TokenSegment: String, Sendable, Hashable, CaseIterable {
    case header
    case payload
    case signature
}
