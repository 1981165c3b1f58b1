import Controller
import DesiredState
import ReconcilePlanning
import Foundation
import Synchronization

/// Holds tasks back until it is opened; once open, every wait returns at once.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let open = self.state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let waiters = self.state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Counts how many runs are in progress, per key and in all, and the most ever seen.
final class ConcurrencyTracker<Key: Hashable & Sendable>: Sendable {
    struct Counts {
        var active: [Key: Int] = [:]
        var total = 0
        var mostPerKey = 0
        var mostInAll = 0
        var runs: [Key: Int] = [:]
    }

    private let counts = Mutex(Counts())

    var snapshot: Counts { self.counts.withLock { $0 } }

    func enter(_ key: Key) {
        self.counts.withLock { counts in
            counts.active[key, default: 0] += 1
            counts.total += 1
            counts.runs[key, default: 0] += 1
            counts.mostPerKey = max(counts.mostPerKey, counts.active[key] ?? 0)
            counts.mostInAll = max(counts.mostInAll, counts.total)
        }
    }

    func leave(_ key: Key) {
        self.counts.withLock { counts in
            counts.active[key, default: 0] -= 1
            counts.total -= 1
        }
    }
}

/// A clock whose sleeps end at once and are recorded, so backoff delays can be read exactly without waiting.
final class RecordingClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: self.offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - self.offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    var now: Instant { Instant(offset: self.state.withLock { $0.now }) }
    var minimumResolution: Duration { .zero }
    var sleeps: [Duration] { self.state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        self.state.withLock { state in
            state.sleeps.append(deadline.offset - state.now)
            state.now = max(state.now, deadline.offset)
        }
        try Task.checkCancellation()
    }
}


/// Counts the elements of a stream as they come, read by a task of its own (so a test can wait with a timeout
/// without cancelling a read of the stream, which would end it).
final class StreamCounter: Sendable {
    private let count = Mutex(0)
    private let reader = Mutex<Task<Void, Never>?>(nil)

    init(_ stream: AsyncStream<Void>) {
        let task = Task { [weak self] in
            for await _ in stream { self?.count.withLock { $0 += 1 } }
        }
        self.reader.withLock { $0 = task }
    }

    deinit {
        self.reader.withLock { $0?.cancel() }
    }

    var value: Int { self.count.withLock { $0 } }
}

/// Log lines kept for a test to read.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        self.lines.withLock { $0.append(line) }
    }

    var all: [String] { self.lines.withLock { $0 } }
}

/// A desired-state source held in memory, of any kind: what a test sets is what the loop reads. Statuses reported
/// to it are kept, as a Kubernetes source would write them back.
final class MemorySource: DesiredStateSource {
    let kind: String
    private let state: Mutex<(desired: DesiredState, reported: [ClaimReference: ClaimStatus], forgotten: [ClaimReference])>

    init(kind: String, claims: [VolumeClaim] = []) {
        self.kind = kind
        self.state = Mutex((DesiredState(claims: claims, source: kind), [:], []))
    }

    var summary: String { "memory \(self.kind)" }

    /// The claims the source has; `departing` ones are held back until the loop forgets them (a finalizer).
    func set(_ claims: [VolumeClaim], departing: Set<ClaimReference> = []) {
        self.state.withLock { state in
            let revision = state.desired.revision + 1
            state.desired = DesiredState(claims: claims, source: self.kind)
            state.desired.revision = revision
            state.desired.departing = departing
        }
    }

    var reported: [ClaimReference: ClaimStatus] { self.state.withLock { $0.reported } }
    /// Every `forget` the loop sent, in order.
    var forgotten: [ClaimReference] { self.state.withLock { $0.forgotten } }

    func read(fresh: Bool) throws(DesiredStateError) -> DesiredState {
        self.state.withLock { $0.desired }
    }

    func changes() -> AsyncStream<Void> {
        AsyncStream { _ in }
    }

    func report(_ status: ClaimStatus) {
        self.state.withLock { $0.reported[status.claim] = status }
    }

    func forget(_ claim: ClaimReference) {
        self.state.withLock { state in
            state.reported.removeValue(forKey: claim)
            state.forgotten.append(claim)
        }
    }
}
