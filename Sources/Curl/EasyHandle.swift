import CCurl
import Glibc

/// One libcurl easy handle (`curl_easy_init`) with its error buffer, and the gateway every call on it goes through.
///
/// A handle keeps its live connections across `curl_easy_reset`, which is why `HTTPClient` pools them. Sendable
/// only so the pool can hand it between threads: it is used by one transfer at a time, and the pool's `Mutex`
/// gives each checkout exclusive ownership.
final class EasyHandle: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(CurlError) {
        guard let handle = curl_easy_init() else {
            throw Self.error(CURLE_FAILED_INIT, function: "curl_easy_init")
        }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(self.handle)
        self.errorBuffer.deallocate()
    }

    /// Clears every option (`curl_easy_reset`) but keeps the connection cache, then re-attaches the error buffer.
    func reset() throws(CurlError) {
        curl_easy_reset(self.handle)
        self.errorBuffer[0] = 0
        try self.check(CCurl_setopt_pointer(self.handle, CURLOPT_ERRORBUFFER, self.errorBuffer), "curl_easy_setopt")
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try self.check(CCurl_setopt_long(self.handle, option, value), "curl_easy_setopt", option: option)
    }

    /// Sets a string option; libcurl copies strings, so the Swift string need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try self.check(CCurl_setopt_string(self.handle, option, value), "curl_easy_setopt", option: option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(CurlError) {
        try self.check(CCurl_setopt_pointer(self.handle, option, pointer), "curl_easy_setopt", option: option)
    }

    func set(_ option: CURLoption, offset: Int) throws(CurlError) {
        try self.check(CCurl_setopt_off_t(self.handle, option, offset), "curl_easy_setopt", option: option)
    }

    /// Sets a blob option with `CURL_BLOB_COPY`, so libcurl keeps its own copy of `bytes`.
    func set(_ option: CURLoption, blob bytes: [UInt8]) throws(CurlError) {
        var copy = bytes
        let code = copy.withUnsafeMutableBytes { buffer in
            var blob = curl_blob(data: buffer.baseAddress, len: buffer.count, flags: UInt32(CURL_BLOB_COPY))
            return CCurl_setopt_pointer(self.handle, option, &blob)
        }
        try self.check(code, "curl_easy_setopt", option: option)
    }

    func getLong(_ info: CURLINFO) -> Int? {
        var value = 0
        return CCurl_getinfo_long(self.handle, info, &value) == CURLE_OK ? value : nil
    }

    /// The gateway: throws a `CurlError` naming `function` unless `code` is `CURLE_OK`.
    func check(_ code: CURLcode, _ function: String, option: CURLoption? = nil) throws(CurlError) {
        guard code != CURLE_OK else {
            return
        }
        let detail = String(cString: self.errorBuffer)
        var error = Self.error(code, function: function, detail: detail)
        if let option {
            error.detail += " (option \(option.rawValue))"
        }
        throw error
    }

    /// Builds the error for `code`, adding the OS `errno` of the last transfer when libcurl recorded one.
    func transferError(_ code: CURLcode, method: String, url: String, tooLarge: Bool) -> CurlError {
        var error = Self.error(code, function: "curl_easy_perform", detail: String(cString: self.errorBuffer))
        if let osErrno = self.getLong(CURLINFO_OS_ERRNO), osErrno != 0, let value = Int32(exactly: osErrno) {
            error.systemErrno = value
            error.systemReason = String(cString: strerror(value))
        }
        if tooLarge {
            error.kind = .responseTooLarge
        }
        error.method = method
        error.url = url
        return error
    }

    static func error(_ code: CURLcode, function: String, detail: String? = nil) -> CurlError {
        CurlError(
            kind: Self.kind(of: code), code: Int(code.rawValue), function: function,
            message: String(cString: curl_easy_strerror(code)), detail: detail)
    }

    private static func kind(of code: CURLcode) -> CurlError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .couldNotResolveHost
        case CURLE_COULDNT_CONNECT: .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ISSUER_ERROR:
            .tls
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE: .connectionLost
        case CURLE_TOO_MANY_REDIRECTS: .tooManyRedirects
        case CURLE_ABORTED_BY_CALLBACK: .cancelled
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT: .invalidRequest
        default: .other
        }
    }
}
