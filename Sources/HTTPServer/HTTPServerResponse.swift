public import HTTPTypes
/// What a handler answers: status, header fields and body. The server sets `Content-Length` itself and ignores one
/// set here.
///
/// A response with a `stream` is sent as its chunks arrive (chunked transfer encoding), for long-lived answers
/// such as a watch; `body` is then ignored.
public struct HTTPServerResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The body written chunk by chunk as the stream yields, ended when it finishes. The producer learns that
    /// nobody reads any more (the client went away, or the server is stopping) through the stream's
    /// `onTermination`; a client that leaves is noticed at the next write, so a quiet stream should yield
    /// something now and then (as watch bookmarks do).
    public var stream: AsyncStream<[UInt8]>?

    public init(status: Int = 200, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = nil
    }

    /// A response whose body is written as `stream` yields.
    public static func streaming(
        status: Int = 200, headers: HTTPHeaders = [:], _ stream: AsyncStream<[UInt8]>
    ) -> HTTPServerResponse {
        var response = HTTPServerResponse(status: status, headers: headers)
        response.stream = stream
        return response
    }

    /// A `text/plain` response in UTF-8.
    public static func text(_ text: String, status: Int = 200) -> HTTPServerResponse {
        HTTPServerResponse(
            status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }
}
