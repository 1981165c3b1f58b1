public import HTTPServer
import HTTPTypes
import Planning
import StorageModel

/// A refusal as the client sees it: a status, one line of `text/plain`, and any header it needs (`Retry-After`).
///
/// Heketi's codes: 400 invalid values, 401 credentials, 404 unknown ids, 409 conflicts, 422 unparsable JSON,
/// 429 busy, 500 allocation and server faults, 501 unsupported, 503 read-only. Never a stack trace.
public struct APIError: Error, Sendable, Equatable {
    public var status: Int
    public var message: String
    public var headers: [(String, String)]

    public init(status: Int, message: String, headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.message == rhs.message
    }

    /// Heketi's text for an unknown id in a path.
    public static let idNotFound = APIError(status: 404, message: "Id not found")

    static func invalid(_ error: ValidationError) -> APIError {
        APIError(status: 400, message: error.description)
    }

    static func from(_ error: OperationError) -> APIError {
        switch error {
        case .busy: APIError(status: 429, message: error.description, headers: [("Retry-After", "1")])
        case .invalid(let validation): .invalid(validation)
        case .badRequest: APIError(status: 400, message: error.description)
        case .transitionRefused: APIError(status: 500, message: error.description)
        case .notFound: APIError(status: 404, message: error.description)
        case .conflict, .objectBusy: APIError(status: 409, message: error.description)
        case .noSpace: APIError(status: 500, message: error.description)
        case .store: APIError(status: 500, message: error.description)
        case .mutationsClosed: APIError(status: 503, message: error.description, headers: [("Retry-After", "2")])
        }
    }

    var response: HTTPServerResponse {
        // Heketi's errors are one line ending in a newline (Go's `http.Error`); clients that print the body rely on it.
        var response = HTTPServerResponse.text(Self.oneLine(self.message) + "\n", status: self.status)
        for (name, value) in self.headers { response.headers.set(name: name, value: value) }
        return response
    }

    /// Messages are one line: anything after a newline would be lost or misread by clients that print the body.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
