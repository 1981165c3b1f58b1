/// A failed libcurl call, with everything needed to print it as one line: the request, curl's own explanation
/// (`CURLOPT_ERRORBUFFER`, else `curl_easy_strerror`) and the operating system's reason when there is one.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    /// The broad reason, for callers that retry some failures and not others.
    public enum Kind: Sendable, Hashable {
        case couldNotResolveHost
        case couldNotConnect
        case timedOut
        case tls
        case connectionLost
        case tooManyRedirects
        case responseTooLarge
        case cancelled
        case invalidRequest
        case other
    }

    public var kind: Kind
    /// The `CURLcode`, such as 7 for `CURLE_COULDNT_CONNECT`.
    public var code: Int
    /// The libcurl function that failed, such as `curl_easy_perform`.
    public var function: String
    /// The generic text for `code` from `curl_easy_strerror`.
    public var message: String
    /// The specific text libcurl wrote to the error buffer, or `message` when it wrote none.
    public var detail: String
    /// The `errno` of the failed system call (`CURLINFO_OS_ERRNO`), such as `ECONNREFUSED`.
    public var systemErrno: Int32?
    /// Its text from `strerror`, such as `Connection refused`.
    public var systemReason: String?
    /// The request's method and URL, when the failure belongs to a request.
    public var method: String?
    public var url: String?

    public init(
        kind: Kind, code: Int, function: String, message: String, detail: String? = nil, systemErrno: Int32? = nil,
        systemReason: String? = nil, method: String? = nil, url: String? = nil
    ) {
        self.kind = kind
        self.code = code
        self.function = function
        self.message = message
        self.detail = detail.flatMap { $0.isEmpty ? nil : $0 } ?? message
        self.systemErrno = systemErrno
        self.systemReason = systemReason
        self.method = method
        self.url = url
    }

    /// For example `GET http://127.0.0.1:9/: Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to
    /// server (Connection refused)`.
    public var description: String {
        var text = ""
        if let method = self.method, let url = self.url {
            text = "\(method) \(url): "
        } else {
            text = "\(self.function): "
        }
        text += self.detail
        if let reason = self.systemReason {
            text += " (\(reason))"
        }
        return text
    }
}
