import Client
import Testing

/// When the client asks `/queue/{id}` again: short first gaps against a server that answers at once, a short gap
/// after a held answer, and `Retry-After` above all.
@Suite struct PollScheduleTests {
    @Test func aServerThatAnswersAtOnceIsPolledWithShortFirstGaps() {
        let gaps = (0..<10).map {
            PollSchedule.delay(attempt: $0, retryAfter: nil, preferenceApplied: nil, heldFor: .milliseconds(1))
        }
        #expect(gaps == [5, 10, 20, 40, 80, 160, 320, 500, 500, 500].map { Duration.milliseconds($0) })
        // A quick operation is seen done soon after it ends: the first five polls come within 75 ms.
        #expect(gaps.prefix(4).reduce(Duration.zero, +) == .milliseconds(75))
        // A long one is polled at most twice a second.
        #expect(PollSchedule.delay(attempt: 1000, retryAfter: nil, preferenceApplied: nil, heldFor: .zero) == .milliseconds(500))
    }

    @Test func aHeldAnswerIsFollowedAtOnce() {
        // The server waited five seconds for the operation: its wait was the back-off.
        #expect(
            PollSchedule.delay(attempt: 9, retryAfter: nil, preferenceApplied: "wait=5", heldFor: .seconds(5))
                == .milliseconds(5))
        #expect(PollSchedule.held(preferenceApplied: "respond-async, wait=5", heldFor: .seconds(5)))
        // An echo without a hold is not a hold: the back-off goes on.
        #expect(
            PollSchedule.delay(attempt: 9, retryAfter: nil, preferenceApplied: "wait=5", heldFor: .milliseconds(2))
                == .milliseconds(500))
        #expect(!PollSchedule.held(preferenceApplied: nil, heldFor: .seconds(5)))
        #expect(!PollSchedule.held(preferenceApplied: "return=minimal", heldFor: .seconds(5)))
    }

    @Test(arguments: [
        ("2", Duration.seconds(2)), (" 0 ", .zero), ("600", .seconds(60)), ("soon", .milliseconds(5)),
    ] as [(String, Duration)])
    func retryAfterWins(value: String, expected: Duration) {
        #expect(PollSchedule.delay(attempt: 0, retryAfter: value, preferenceApplied: "wait=5", heldFor: .zero) == expected)
    }

    @Test func theRequestedWaitIsFiveSeconds() {
        #expect(PollSchedule.preference == "wait=5")
    }
}
