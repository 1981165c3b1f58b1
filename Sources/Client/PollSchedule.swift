/// When to ask `GET /queue/{id}` again, as a pure function of what the last answer said, so the schedule is tested
/// without waiting.
///
/// Each poll asks the server to hold its answer (`Prefer: wait=5`, RFC 7240). A Brickyard server does: it answers
/// when the operation ends, or after five seconds with `Preference-Applied: wait=5`, so the client learns of the end
/// at once and polls a handful of times a minute. A Heketi server ignores the preference and answers at once, so the
/// client also backs off from short first intervals (5, 10, 20, 40 ms, ... up to half a second): a quick operation is
/// seen done within milliseconds, and a long one costs at most two polls a second. A `Retry-After` always wins.
public enum PollSchedule {
    /// The `Prefer` value sent with every poll.
    public static let preference = "wait=\(Self.preferredWaitSeconds)"
    public static let preferredWaitSeconds = 5
    /// The first gap between polls the server answered at once; each further one doubles, up to `longestInterval`.
    public static let firstInterval: Duration = .milliseconds(5)
    public static let longestInterval: Duration = .milliseconds(500)
    /// A held answer that came back sooner than this was not really held (a server that echoes the preference
    /// without waiting), so the back-off applies as if it had answered at once.
    public static let shortestHold: Duration = .seconds(1)

    /// The wait before the next poll.
    /// - Parameters:
    ///   - attempt: how many polls the server answered without holding them, before this one (from 0).
    ///   - retryAfter: the answer's `Retry-After` (whole seconds; Heketi servers send no dates).
    ///   - preferenceApplied: the answer's `Preference-Applied`.
    ///   - heldFor: how long the poll took.
    public static func delay(
        attempt: Int, retryAfter: String?, preferenceApplied: String?, heldFor: Duration
    ) -> Duration {
        if let text = retryAfter?.trimmingCharacters(in: " \t"), let seconds = Int(text), seconds >= 0 {
            return .seconds(min(seconds, 60))
        }
        if Self.held(preferenceApplied: preferenceApplied, heldFor: heldFor) { return Self.firstInterval }
        let doubled = Self.firstInterval * (1 << min(max(attempt, 0), 16))
        return min(doubled, Self.longestInterval)
    }

    /// Whether the server held the poll, as the preference asked: then its own wait was the back-off.
    public static func held(preferenceApplied: String?, heldFor: Duration) -> Bool {
        guard let applied = preferenceApplied, heldFor >= Self.shortestHold else { return false }
        return applied.split(separator: ",").contains { $0.trimmingCharacters(in: " \t").lowercased().hasPrefix("wait=") }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
