import Curl
import HTTPTypes
import Testing

/// Checks a refusal as Heketi's clients read it: the status, `text/plain`, one line, and the words it must carry.
func expectError(
    _ response: HTTPResponse, _ status: Int, containing words: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "body: \(response.bodyText)", sourceLocation: sourceLocation)
    #expect(
        response.headers["Content-Type"]?.hasPrefix("text/plain") == true, "headers: \(response.headers)",
        sourceLocation: sourceLocation)
    let text = response.bodyText
    let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
    #expect(!line.isEmpty, sourceLocation: sourceLocation)
    let isOneLine = !line.contains(where: \.isNewline)
    #expect(isOneLine, "not one line: \(text)", sourceLocation: sourceLocation)
    for word in words {
        #expect(text.contains(word), "\(word) not in \(text)", sourceLocation: sourceLocation)
    }
}
