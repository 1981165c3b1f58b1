import Client
import Curl
import Testing

/// Heketi's asynchronous protocol, one `/queue/{id}` answer at a time.
@Suite struct OperationStepTests {
    @Test func pendingWaitsWithBackOffOrAsTheServerAsks() {
        #expect(OperationStep.after(response(200, [("X-Pending", "true")]), attempt: 0) == .pending(retryAfter: .milliseconds(50)))
        #expect(OperationStep.after(response(200, [("X-Pending", "true")]), attempt: 2) == .pending(retryAfter: .milliseconds(200)))
        #expect(OperationStep.after(response(200, [("X-Pending", "true")]), attempt: 30) == .pending(retryAfter: .seconds(1)))
        #expect(
            OperationStep.after(response(200, [("x-pending", "TRUE"), ("Retry-After", "3")]), attempt: 0)
                == .pending(retryAfter: .seconds(3)))
        #expect(OperationStep.after(response(429, [("Retry-After", "2")]), attempt: 5) == .pending(retryAfter: .seconds(2)))
    }

    @Test func theEndsOfAnOperation() {
        #expect(OperationStep.after(response(303, [("Location", "/volumes/abc")]), attempt: 0) == .completed(location: "/volumes/abc"))
        #expect(OperationStep.after(response(204), attempt: 0) == .completed(location: nil))
        #expect(OperationStep.after(response(200), attempt: 0) == .completed(location: nil))
        #expect(
            OperationStep.after(response(500, body: "no space: largest free 10 GiB\n"), attempt: 0)
                == .failed(.operationFailed(message: "no space: largest free 10 GiB")))
        #expect(OperationStep.after(response(404, body: "Id not found"), attempt: 0) == .failed(.server(status: 404, message: "Id not found")))
        #expect(
            OperationStep.after(response(401, body: "Invalid qsh claim in token"), attempt: 0)
                == .failed(.unauthorized(message: "Invalid qsh claim in token")))
        if case .failed(.unexpectedResponse) = OperationStep.after(response(303), attempt: 0) {} else {
            Issue.record("a 303 without Location is not a result")
        }
    }

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
