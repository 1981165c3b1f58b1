import Synchronization

/// Requests by method, counted as they are sent: the figure behind "an unchanged reconcile writes nothing".
final class RequestCounter: Sendable {
    private let byMethod = Mutex<[String: Int]>([:])

    func count(_ method: String) {
        self.byMethod.withLock { $0[method, default: 0] += 1 }
    }

    var counts: [String: Int] { self.byMethod.withLock { $0 } }
}
