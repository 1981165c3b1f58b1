import Controller
import Testing

@Suite struct RetryBackoffTests {
    @Test func theDelayDoublesFromTheBaseUpToTheCap() {
        let backoff = RetryBackoff(base: .seconds(1), cap: .seconds(60))
        #expect(
            (0...9).map { backoff.delay(afterFailures: $0) }
                == [0, 1, 2, 4, 8, 16, 32, 60, 60, 60].map(Duration.seconds))
    }

    @Test func manyFailuresStayAtTheCapWithoutOverflowing() {
        let backoff = RetryBackoff(base: .milliseconds(1), cap: .milliseconds(8))
        #expect(backoff.delay(afterFailures: 1_000_000) == .milliseconds(8))
    }

    @Test func aCapBelowTheBaseIsRaisedToIt() {
        #expect(RetryBackoff(base: .seconds(5), cap: .seconds(1)).delay(afterFailures: 3) == .seconds(5))
    }
}
