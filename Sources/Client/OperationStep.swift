public import Curl
import HTTPTypes

/// One step of Heketi's asynchronous protocol, decided from a `GET /queue/{id}` answer alone, so every branch is
/// table-tested without a server.
///
/// 200 with `X-Pending` means still running (wait, honouring `Retry-After`); 303 names the result; 204 means done
/// with nothing to read; 200 without `X-Pending` is a finished operation whose body is the result; anything else is a
/// failure whose body is the server's message.
public enum OperationStep: Sendable, Hashable {
    case pending(retryAfter: Duration)
    case completed(location: String?)
    case failed(ClientError)

    /// The first wait between polls; later waits double up to `maximumDelay`.
    public static let initialDelay: Duration = .milliseconds(50)
    public static let maximumDelay: Duration = .seconds(1)

    /// The step for the `attempt`-th poll's answer (counting from 0).
    public static func after(_ response: HTTPResponse, attempt: Int) -> OperationStep {
        switch response.status {
        case 200 where response.headers["X-Pending"]?.lowercased() == "true":
            return .pending(retryAfter: Self.delay(retryAfter: response.headers["Retry-After"], attempt: attempt))
        case 200, 204:
            return .completed(location: nil)
        case 303:
            guard let location = response.headers["Location"], !location.isEmpty else {
                return .failed(.unexpectedResponse(request: "GET /queue", detail: "303 without a Location"))
            }
            return .completed(location: location)
        case 429:
            return .pending(retryAfter: Self.delay(retryAfter: response.headers["Retry-After"], attempt: attempt))
        case 500:
            return .failed(.operationFailed(message: ResponseMessage.text(of: response)))
        default:
            return .failed(ResponseMessage.error(for: response))
        }
    }

    /// `Retry-After` in whole seconds when the server gives it (HTTP dates are not used by Heketi servers), else an
    /// exponential back-off so quick operations finish in milliseconds and slow ones are not polled hard.
    public static func delay(retryAfter: String?, attempt: Int) -> Duration {
        if let text = retryAfter?.trimmingCharacters(in: " \t"), let seconds = Int(text), seconds >= 0 {
            return .seconds(min(seconds, 60))
        }
        let doubled = Self.initialDelay * (1 << min(max(attempt, 0), 10))
        return min(doubled, Self.maximumDelay)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
