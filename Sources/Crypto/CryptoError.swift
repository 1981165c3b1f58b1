/// A libcrypto call that failed, with OpenSSL's reason from its error queue.
///
/// The one-shot digest and MAC functions only fail when OpenSSL cannot allocate or its provider is unusable, but a
/// server path must report that rather than crash.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The libcrypto function that failed, such as `EVP_Digest`.
    public var function: String
    /// OpenSSL's text for the first queued error, or a description of the rejected input.
    public var reason: String

    public init(function: String, reason: String) {
        self.function = function
        self.reason = reason
    }

    public var description: String {
        "\(self.function) failed: \(self.reason)"
    }
}
