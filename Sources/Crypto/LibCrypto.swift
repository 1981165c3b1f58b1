import CCrypto

/// The single gateway into libcrypto: every fallible call goes through `call`, which turns a failure into a
/// `CryptoError` naming the function and carrying OpenSSL's queued reason.
enum LibCrypto {
    /// Runs `body`, a libcrypto call reporting success as `true`, and throws if it reports failure.
    static func call(_ function: String, _ body: () -> Bool) throws(CryptoError) {
        ERR_clear_error()
        guard body() else {
            throw CryptoError(function: function, reason: Self.queuedReason())
        }
    }

    /// Reads and clears OpenSSL's per-thread error queue, returning the first reason.
    private static func queuedReason() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else {
            return "no reason queued by OpenSSL"
        }
        var buffer = [CChar](repeating: 0, count: 256)
        buffer.withUnsafeMutableBufferPointer { pointer in
            ERR_error_string_n(code, pointer.baseAddress, pointer.count)
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
