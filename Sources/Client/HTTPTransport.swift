public import Curl

/// Sends one HTTP request and returns the response, whatever its status.
///
/// The role `HeketiClient` needs from the network, so tests can answer requests from a table instead of a socket.
/// `HTTPClient` (libcurl, a thread per transfer, never the cooperative pool) is the real one.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse
}

extension HTTPClient: HTTPTransport {}
