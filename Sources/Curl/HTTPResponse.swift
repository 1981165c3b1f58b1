public import Foundation
public import HTTPTypes

/// An HTTP response as received; redirects are not followed unless configured, so this may be a 3xx.
public struct HTTPResponse: Sendable {
    /// The status code, such as 200 or 303.
    public var status: Int
    /// The header fields of the final response (those of 100 Continue and followed redirects are dropped).
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body decoded as UTF-8.
    public var bodyText: String {
        String(decoding: self.body, as: UTF8.self)
    }
}
