public import Curl

/// Turns a refusal into one readable line: Heketi servers answer errors as `text/plain`, one line, so the body is
/// the message; anything longer or multi-line (a proxy's HTML page) is cut to its first line.
public enum ResponseMessage {
    /// The first non-empty line of the body, trimmed, at most 300 characters.
    public static func text(of response: HTTPResponse) -> String {
        let line = response.bodyText.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters() }
            .first { !$0.isEmpty } ?? ""
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    /// The error for a response that is not the expected one.
    public static func error(for response: HTTPResponse) -> ClientError {
        let message = Self.text(of: response)
        switch response.status {
        case 401: return .unauthorized(message: message.isEmpty ? "401 Unauthorized" : message)
        case 403: return .forbidden(message: message.isEmpty ? "403 Forbidden" : message)
        default: return .server(status: response.status, message: message)
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        var text = self
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
