import Foundation

/// Why the REST load driver stopped; each prints as one line naming the request or the server.
enum APIBenchmarkError: Error, CustomStringConvertible {
    /// A request got a status it should not have, such as a 500 from `GET /queue/{id}`.
    case unexpectedStatus(request: String, status: Int, body: String)
    /// A response had the expected status but not the expected content (no `Location`, undecodable JSON).
    case badResponse(request: String, problem: String)
    /// The transfer itself failed (connection refused, timeout).
    case transport(request: String, reason: String)
    /// The server exited before or while being measured.
    case serverExited(termination: String, logTail: String)
    /// The server did not answer `GET /hello` in time.
    case serverNotReady(seconds: Int, logTail: String)
    /// The server could not be started at all.
    case serverLaunch(path: String, reason: String)
    /// A usage mistake on the command line.
    case usage(String)

    var description: String {
        switch self {
        case .unexpectedStatus(let request, let status, let body):
            return "\(request): unexpected status \(status): \(Self.oneLine(body))"
        case .badResponse(let request, let problem):
            return "\(request): \(problem)"
        case .transport(let request, let reason):
            return "\(request): \(reason)"
        case .serverExited(let termination, let logTail):
            return "server ended (\(termination)); log tail: \(Self.oneLine(logTail))"
        case .serverNotReady(let seconds, let logTail):
            return "server did not answer GET /hello within \(seconds) s; log tail: \(Self.oneLine(logTail))"
        case .serverLaunch(let path, let reason):
            return "cannot start \(path): \(reason)"
        case .usage(let text):
            return text
        }
    }

    /// Folds a body or log onto one line and keeps the last 400 characters at most.
    static func oneLine(_ text: String) -> String {
        let folded = text.split(whereSeparator: \.isNewline).joined(separator: " | ")
        let trimmed = folded.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 400 ? "..." + String(trimmed.suffix(400)) : (trimmed.isEmpty ? "(empty)" : trimmed)
    }
}
