public import Curl
import HTTPTypes

/// One step of Heketi's asynchronous protocol, decided from a `GET /queue/{id}` answer alone, so every branch is
/// table-tested without a server.
///
/// 200 with `X-Pending` means still running (when to ask again is `PollSchedule`'s); 303 names the result; 204
/// means done with nothing to read; 200 without `X-Pending` is a finished operation whose body is the result; 429 is a
/// busy server (ask again); anything else is a failure whose body is the server's message.
public enum OperationStep: Sendable, Hashable {
    case pending
    case completed(location: String?)
    case failed(ClientError)

    /// The first wait before retrying a request the server refused as busy (429); later waits double up to
    /// `maximumDelay`.
    public static let initialDelay: Duration = .milliseconds(50)
    public static let maximumDelay: Duration = .seconds(1)

    /// The step a poll's answer means.
    public static func after(_ response: HTTPResponse) -> OperationStep {
        switch response.status {
        case 200 where response.headers["X-Pending"]?.lowercased() == "true":
            return .pending
        case 200, 204:
            return .completed(location: nil)
        case 303:
            guard let location = response.headers["Location"], !location.isEmpty else {
                return .failed(.unexpectedResponse(request: "GET /queue", detail: "303 without a Location"))
            }
            return .completed(location: location)
        case 429:
            return .pending
        case 500:
            return .failed(.operationFailed(message: ResponseMessage.text(of: response)))
        default:
            return .failed(ResponseMessage.error(for: response))
        }
    }

    /// The wait before retrying a busy (429) request: `Retry-After` in whole seconds when the server gives it (HTTP
    /// dates are not used by Heketi servers), else an exponential back-off.
    public static func delay(retryAfter: String?, attempt: Int) -> Duration {
        if let text = retryAfter?.trimmingCharacters(in: " \t"), let seconds = Int(text), seconds >= 0 {
            return .seconds(min(seconds, 60))
        }
        let doubled = Self.initialDelay * (1 << min(max(attempt, 0), 10))
        return min(doubled, Self.maximumDelay)
    }
}

