import Synchronization

/// A token bucket in front of every request, as client-go's QPS and burst: a burst of `burst` requests goes at
/// once, after that `qps` a second. A request that finds the bucket empty reserves the next token and sleeps until
/// it is due, so waiting requests keep their order and the bucket never lends more than it has.
final class RequestRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var refilled: ContinuousClock.Instant
    }

    let qps: Double
    let burst: Double
    private let bucket: Mutex<Bucket>

    init(qps: Double, burst: Int) {
        self.qps = max(qps, 0.001)
        self.burst = Double(max(burst, 1))
        self.bucket = Mutex(Bucket(tokens: Double(max(burst, 1)), refilled: .now))
    }

    /// Waits until this request may go. Cancellation ends the wait early (the request then fails as cancelled).
    func acquire() async {
        let wait = self.bucket.withLock { bucket -> Duration in
            let now = ContinuousClock.now
            let elapsed = now - bucket.refilled
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(self.burst, bucket.tokens + seconds * self.qps)
            bucket.refilled = now
            bucket.tokens -= 1
            return bucket.tokens >= 0 ? .zero : .seconds(-bucket.tokens / self.qps)
        }
        if wait > .zero {
            try? await Task.sleep(for: wait)
        }
    }
}
