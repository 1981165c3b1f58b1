import Client
import Curl
import Foundation
import HTTPTypes
import Synchronization

/// Answers requests from a closure and records them, so the client's protocol handling is tested without sockets.
final class FakeTransport: HTTPTransport {
    let requests = Mutex<[HTTPRequest]>([])
    private let answer: @Sendable (HTTPRequest, Int) -> Result<HTTPResponse, CurlError>

    /// `answer` gets each request and how many came before it.
    init(_ answer: @escaping @Sendable (HTTPRequest, Int) -> Result<HTTPResponse, CurlError>) {
        self.answer = answer
    }

    /// Answers with `responses` in order, repeating the last.
    convenience init(_ responses: [HTTPResponse]) {
        self.init { _, index in .success(responses[min(index, responses.count - 1)]) }
    }

    func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
        let index = self.requests.withLock { requests in
            requests.append(request)
            return requests.count - 1
        }
        return try self.answer(request, index).get()
    }

    var lines: [String] {
        self.requests.withLock { $0.map { "\($0.method) \($0.url.replacingOccurrences(of: "http://server", with: ""))" } }
    }
}

/// Records the waits the client asks for instead of waiting.
final class RecordedSleeps: Sendable {
    let durations = Mutex<[Duration]>([])

    var sleep: @Sendable (Duration) async throws -> Void {
        { duration in self.durations.withLock { $0.append(duration) } }
    }

    var all: [Duration] { self.durations.withLock { $0 } }
}

func response(_ status: Int, _ headers: [(String, String)] = [], body: String = "") -> HTTPResponse {
    var fields = HTTPHeaders()
    for (name, value) in headers { fields.add(name: name, value: value) }
    return HTTPResponse(status: status, headers: fields, body: Data(body.utf8))
}
