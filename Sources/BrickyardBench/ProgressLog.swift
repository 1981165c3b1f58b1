import Foundation
import Synchronization

/// A one-line progress report on stderr every `every` completed items of a long phase, such as
/// `api small: sequential creates 100/300 (1.2 s)`; safe to tick from concurrent workers.
final class ProgressLog: Sendable {
    let label: String
    let total: Int
    let every: Int
    private let start = ContinuousClock.now
    private let done = Mutex(0)

    init(_ label: String, total: Int, every: Int = 100) {
        self.label = label
        self.total = total
        self.every = every
    }

    func tick() {
        let count = self.done.withLock { done in
            done += 1
            return done
        }
        if count % self.every == 0 || count == self.total {
            Self.write(
                "\(self.label) \(count)/\(self.total) (\(Self.format((ContinuousClock.now - self.start).seconds)) s)")
        }
    }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data(("api " + line + "\n").utf8))
    }

    private static func format(_ seconds: Double) -> String {
        String((seconds * 10).rounded() / 10)
    }
}
