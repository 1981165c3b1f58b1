/// Why a client request failed, with the facts a person needs to act, printed as one line.
///
/// The command line maps every case to exit code 1 (the request was well formed; the server or the network
/// said no); usage errors never get this far.
public enum ClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server could not be reached: refused, unresolvable, TLS failure, or timed out.
    case unreachable(server: String, reason: String)
    /// 401: the credentials were refused; `message` is the server's reason.
    case unauthorized(message: String)
    /// 403: the credentials are valid but the role may not do this.
    case forbidden(message: String)
    /// Any other refusal, with the server's one-line message.
    case server(status: Int, message: String)
    /// An accepted operation ended in failure (the queue answered 500).
    case operationFailed(message: String)
    /// An operation did not finish within the client's limit; it may still finish on the server.
    case operationTimedOut(location: String, seconds: Int)
    /// The server answered something this client does not understand.
    case unexpectedResponse(request: String, detail: String)
    /// A token could not be made (libcrypto failed).
    case signing(String)

    public var description: String {
        switch self {
        case .unreachable(let server, let reason):
            "cannot reach the server at \(server): \(reason)"
        case .unauthorized(let message):
            "authentication failed: \(message) (check --user and --secret, or BRICKYARD_USER and BRICKYARD_SECRET)"
        case .forbidden(let message):
            "not allowed: \(message) (this needs the admin user)"
        case .server(let status, let message):
            message.isEmpty ? "the server answered \(status)" : message
        case .operationFailed(let message):
            message.isEmpty ? "the operation failed" : message
        case .operationTimedOut(let location, let seconds):
            "the operation \(location) did not finish within \(seconds)s; it may still finish on the server"
        case .unexpectedResponse(let request, let detail):
            "\(request): unexpected answer: \(detail)"
        case .signing(let reason):
            "cannot sign the request: \(reason)"
        }
    }
}
