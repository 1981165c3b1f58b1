import CCurl
import Foundation
internal import HTTPTypes

/// One request on a pooled handle: options from the request and configuration, callbacks into a
/// `ResponseCollector`, then `curl_easy_perform`.
extension EasyHandle {
    func transfer(
        _ request: HTTPRequest, configuration: HTTPClientConfiguration, cancellation: CancellationFlag?,
        stream: ResponseChannel? = nil
    ) throws(CurlError) -> HTTPResponse {
        try self.reset()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for field in request.headers {
            // "Name:" would remove a default header; "Name;" sends it empty, as the caller asked.
            let line = field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
            guard let appended = curl_slist_append(headerList, line) else {
                throw Self.error(CURLE_OUT_OF_MEMORY, function: "curl_slist_append")
            }
            headerList = appended
        }
        try self.set(CURLOPT_URL, request.url)
        try self.set(CURLOPT_NOSIGNAL, 1)
        try self.setMethod(request)
        if let headerList {
            try self.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headerList))
        }
        // A stream lasts as long as its request says: the client-wide limit is for ordinary requests.
        if let timeout = request.timeout ?? (stream == nil ? configuration.timeout : nil) {
            try self.set(CURLOPT_TIMEOUT_MS, max(1, Self.milliseconds(timeout)))
        }
        if let idle = request.idleTimeout {
            // Less than one byte a second for this long: the peer or the path has gone quiet, end the transfer.
            try self.set(CURLOPT_LOW_SPEED_LIMIT, 1)
            try self.set(CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(idle) / 1000))
            try self.set(CURLOPT_TCP_KEEPALIVE, 1)
        }
        try self.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Self.milliseconds(configuration.connectTimeout)))
        try self.setConnection(configuration)

        let collector = ResponseCollector(
            limit: configuration.maxResponseBytes, cancellation: stream?.cancellation ?? cancellation, stream: stream)
        if let stream {
            let followsRedirects = configuration.followRedirects
            collector.headEnded = { [unowned collector] in
                guard let status = self.getLong(CURLINFO_RESPONSE_CODE), status >= 200,
                    !(followsRedirects && (300..<400).contains(status))
                else { return }
                stream.publishHead(status: status, headers: collector.headers)
            }
        }
        let code = try withExtendedLifetime(collector) { () throws(CurlError) -> CURLcode in
            try self.setCallbacks(
                collector: Unmanaged.passUnretained(collector).toOpaque(), progress: cancellation != nil || stream != nil)
            return curl_easy_perform(self.handle)
        }
        guard code == CURLE_OK else {
            throw self.transferError(code, method: request.method, url: request.url, tooLarge: collector.exceededLimit)
        }
        guard let status = self.getLong(CURLINFO_RESPONSE_CODE) else {
            throw Self.error(CURLE_BAD_FUNCTION_ARGUMENT, function: "curl_easy_getinfo")
        }
        return HTTPResponse(status: status, headers: collector.headers, body: collector.body)
    }

    /// HEAD asks for no body, a request with a body posts a copy of it, anything else sets the method verbatim.
    private func setMethod(_ request: HTTPRequest) throws(CurlError) {
        if request.method == "HEAD" {
            try self.set(CURLOPT_NOBODY, 1)
        } else if let body = request.body {
            try self.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: body.count)
            let code = body.withUnsafeBytes { bytes in
                // An empty body still needs a non-null pointer, or libcurl would read the body from a callback.
                "".withCString { empty in
                    let pointer = UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(empty))
                    return CCurl_setopt_pointer(self.handle, CURLOPT_COPYPOSTFIELDS, pointer)
                }
            }
            try self.check(code, "curl_easy_setopt", option: CURLOPT_COPYPOSTFIELDS)
            if request.method != "POST" {
                try self.set(CURLOPT_CUSTOMREQUEST, request.method)
            }
        } else if request.method == "GET" {
            try self.set(CURLOPT_HTTPGET, 1)
        } else {
            try self.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
    }

    private func setConnection(_ configuration: HTTPClientConfiguration) throws(CurlError) {
        try self.set(CURLOPT_FOLLOWLOCATION, configuration.followRedirects ? 1 : 0)
        try self.set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        if let userAgent = configuration.userAgent {
            try self.set(CURLOPT_USERAGENT, userAgent)
        }
        if let path = configuration.unixSocketPath {
            try self.set(CURLOPT_UNIX_SOCKET_PATH, path)
        }
        if configuration.insecureSkipTLSVerify {
            try self.set(CURLOPT_SSL_VERIFYPEER, 0)
            try self.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        try self.set(configuration.caCertificates, file: CURLOPT_CAINFO, blob: CURLOPT_CAINFO_BLOB)
        try self.set(configuration.clientCertificate, file: CURLOPT_SSLCERT, blob: CURLOPT_SSLCERT_BLOB)
        try self.set(configuration.clientKey, file: CURLOPT_SSLKEY, blob: CURLOPT_SSLKEY_BLOB)
    }

    private func set(
        _ pem: HTTPClientConfiguration.PEM?, file: CURLoption, blob: CURLoption
    ) throws(CurlError) {
        switch pem {
        case .file(let path): try self.set(file, path)
        case .data(let bytes): try self.set(blob, blob: bytes)
        case nil: break
        }
    }

    /// Points the write, header and (for cancellable transfers) progress callbacks at the collector.
    private func setCallbacks(collector: UnsafeMutableRawPointer, progress: Bool) throws(CurlError) {
        let writeCode = CCurl_setopt_write_function(self.handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let context else {
                return 0
            }
            let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
            let accepted = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue().appendBody(bytes)
            return accepted ? size * count : 0
        }
        try self.check(writeCode, "curl_easy_setopt", option: CURLOPT_WRITEFUNCTION)
        try self.set(CURLOPT_WRITEDATA, pointer: collector)
        let headerCode = CCurl_setopt_write_function(self.handle, CURLOPT_HEADERFUNCTION) {
            data, size, count, context in
            guard let context else {
                return 0
            }
            let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
            Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue().appendHeaderLine(bytes)
            return size * count
        }
        try self.check(headerCode, "curl_easy_setopt", option: CURLOPT_HEADERFUNCTION)
        try self.set(CURLOPT_HEADERDATA, pointer: collector)
        guard progress else {
            return
        }
        let progressCode = CCurl_setopt_xferinfo_function(self.handle, CURLOPT_XFERINFOFUNCTION) {
            context, _, _, _, _ in
            guard let context else {
                return 0
            }
            return Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
        }
        try self.check(progressCode, "curl_easy_setopt", option: CURLOPT_XFERINFOFUNCTION)
        try self.set(CURLOPT_XFERINFODATA, pointer: collector)
        try self.set(CURLOPT_NOPROGRESS, 0)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
