/// Waits until `condition` holds, checking it every millisecond, for at most `timeout`; returns whether it held.
///
/// A wait on a condition, not a sleep: it ends as soon as the condition holds, and a slow machine only makes it
/// take longer, never pass without the condition.
public func eventually(
    timeout: Duration = .seconds(20), _ condition: @Sendable () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return try await condition()
}
