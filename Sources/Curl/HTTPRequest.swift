public import Foundation
public import HTTPTypes

/// An HTTP request for `HTTPClient`: a value, so it can be built and inspected without any I/O.
public struct HTTPRequest: Sendable {
    /// The method, such as `GET` or `PATCH`.
    public var method: String
    /// The absolute URL, such as `https://10.0.0.1:6443/api/v1/nodes`.
    public var url: String
    /// Header fields to send; a field with an empty value is sent empty rather than dropped.
    public var headers: HTTPHeaders
    /// The body, or `nil` to send none.
    public var body: Data?
    /// The limit on the whole transfer, overriding `HTTPClientConfiguration.timeout`.
    public var timeout: Duration?
    /// The longest the transfer may receive nothing before it is ended (`CURLOPT_LOW_SPEED_TIME`), for streams whose
    /// server sends something now and then (a watch's bookmarks) and whose silence means a dead connection.
    public var idleTimeout: Duration?

    public init(
        method: String = "GET", url: String, headers: HTTPHeaders = [:], body: Data? = nil, timeout: Duration? = nil,
        idleTimeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.idleTimeout = idleTimeout
    }
}
