/// How long a key that failed waits before it is tried again: `base` after the first failure, doubled after each
/// further one, never more than `cap`. Per key, so one object that keeps failing backs off on its own while the
/// others go on at full speed; a success forgets the count.
public struct RetryBackoff: Hashable, Sendable {
    public var base: Duration
    public var cap: Duration

    public init(base: Duration = .seconds(1), cap: Duration = .seconds(60)) {
        self.base = max(base, .zero)
        self.cap = max(cap, self.base)
    }

    /// The wait after `failures` failures in a row (`base` after one, zero before any).
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var delay = self.base
        var doublings = failures - 1
        // Doubling stops at the cap, so a key that failed a thousand times does not overflow.
        while doublings > 0, delay < self.cap {
            delay = delay * 2
            doublings -= 1
        }
        return min(delay, self.cap)
    }
}
