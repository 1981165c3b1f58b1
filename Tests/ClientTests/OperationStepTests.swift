import Client
import Curl
import Testing

/// Heketi's asynchronous protocol, one `/queue/{id}` answer at a time.
@Suite struct OperationStepTests {
    @Test func pendingAndBusyAskAgain() {
        #expect(OperationStep.after(response(200, [("X-Pending", "true")])) == .pending)
        #expect(OperationStep.after(response(200, [("x-pending", "TRUE"), ("Retry-After", "3")])) == .pending)
        #expect(OperationStep.after(response(429, [("Retry-After", "2")])) == .pending)
    }

    @Test func theEndsOfAnOperation() {
        #expect(OperationStep.after(response(303, [("Location", "/volumes/abc")])) == .completed(location: "/volumes/abc"))
        #expect(OperationStep.after(response(204)) == .completed(location: nil))
        #expect(OperationStep.after(response(200)) == .completed(location: nil))
        #expect(
            OperationStep.after(response(500, body: "no space: largest free 10 GiB\n"))
                == .failed(.operationFailed(message: "no space: largest free 10 GiB")))
        #expect(OperationStep.after(response(404, body: "Id not found")) == .failed(.server(status: 404, message: "Id not found")))
        #expect(
            OperationStep.after(response(401, body: "Invalid qsh claim in token"))
                == .failed(.unauthorized(message: "Invalid qsh claim in token")))
        if case .failed(.unexpectedResponse) = OperationStep.after(response(303)) {} else {
            Issue.record("a 303 without Location is not a result")
        }
    }

    /// The back-off before retrying a request the server refused as busy (429).
    @Test(arguments: [
        (nil, 0, Duration.milliseconds(50)), (nil, 1, .milliseconds(100)), (nil, 4, .milliseconds(800)),
        (nil, 5, .seconds(1)), ("0", 3, .zero), (" 7 ", 0, .seconds(7)), ("600", 0, .seconds(60)),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0, .milliseconds(50)),
    ] as [(String?, Int, Duration)])
    func delays(retryAfter: String?, attempt: Int, expected: Duration) {
        #expect(OperationStep.delay(retryAfter: retryAfter, attempt: attempt) == expected)
    }

    @Test func messagesAreOneLine() {
        #expect(ResponseMessage.text(of: response(500, body: "\n  first line  \nsecond\n")) == "first line")
        #expect(ResponseMessage.text(of: response(500, body: String(repeating: "x", count: 400))).count == 301)
        #expect(ResponseMessage.error(for: response(403)) == .forbidden(message: "403 Forbidden"))
    }
}
