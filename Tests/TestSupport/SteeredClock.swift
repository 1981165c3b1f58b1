import Synchronization

/// A clock whose sleeps return at once after running a hook the test sets: a test steers what happens "while" the
/// code under test waits, instead of racing a real sleep. It records every sleep asked for.
public final class SteeredClock: Clock, Sendable {
    public init() {}

    private let state = Mutex<(hook: @Sendable (Duration) -> Void, slept: [Duration])>(({ _ in }, []))
    private let base = ContinuousClock()

    public var now: ContinuousClock.Instant { self.base.now }
    public var minimumResolution: Duration { self.base.minimumResolution }

    public func onSleep(_ hook: @escaping @Sendable (Duration) -> Void) {
        self.state.withLock { $0.hook = hook }
    }

    public var slept: [Duration] { self.state.withLock { $0.slept } }

    public func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {
        let duration = self.base.now.duration(to: deadline)
        // The duration asked for, rounded to the millisecond: `sleep(for:)` adds it to a `now` read a moment earlier.
        let asked = Duration.milliseconds((duration / .milliseconds(1)).rounded())
        let hook = self.state.withLock { state in
            state.slept.append(asked)
            return state.hook
        }
        hook(asked)
        try Task.checkCancellation()
        await Task.yield()
    }
}

