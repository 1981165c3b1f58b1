public import Curl
public import KubernetesAPI

/// Why a call to the API server failed: the server said no (its `Status`), the connection failed, or the answer
/// was not what the API sends. One line each, for logs and conditions.
public enum KubernetesError: Error, Sendable, CustomStringConvertible {
    case status(APIStatus)
    case transport(CurlError)
    case malformed(String)
    /// The credentials cannot be read (a token file that is gone).
    case credentials(String)

    public var description: String {
        switch self {
        case .status(let status): "the API server answered \(status)"
        case .transport(let error): "cannot reach the API server: \(error)"
        case .malformed(let detail): "unexpected answer from the API server: \(detail)"
        case .credentials(let detail): "cannot read the credentials: \(detail)"
        }
    }

    /// The server's Status, when it answered one.
    public var apiStatus: APIStatus? {
        if case .status(let status) = self { status } else { nil }
    }

    public var isNotFound: Bool { self.apiStatus?.code == 404 }
    public var isConflict: Bool { self.apiStatus?.isConflict ?? false }
    public var isAlreadyExists: Bool { self.apiStatus?.code == 409 && self.apiStatus?.reason == "AlreadyExists" }
    public var isGone: Bool { self.apiStatus?.isGone ?? false }

    /// Worth trying again after a pause: the connection failed, or the server is overloaded or failing.
    public var isTransient: Bool {
        switch self {
        case .transport: true
        case .status(let status): status.code == 429 || status.code >= 500
        case .malformed, .credentials: false
        }
    }
}
