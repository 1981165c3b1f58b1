import Synchronization

/// How many `GET /queue/{id}` polls are being held at once, so their number stays bounded: each holds a connection,
/// and a flood of waiting clients must not take every connection the server accepts.
final class HeldPolls: Sendable {
    private let count = Mutex(0)

    /// Counts one more held poll; false (and nothing counted) when `limit` are held already.
    func enter(limit: Int) -> Bool {
        self.count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() {
        self.count.withLock { $0 -= 1 }
    }

    var current: Int { self.count.withLock { $0 } }
}
