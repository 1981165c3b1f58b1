import Synchronization

/// The lowest level a logger writes, changeable while the process runs (Heketi's `POST /internal/logging`).
///
/// One threshold is shared by a logger and every logger derived from it with `with(_:)`, so a change reaches every
/// component at once. `name` is the level as it was asked for (Heketi's names include `critical` and `none`,
/// which Brickyard's four levels only approximate), so it reads back as it was set.
public final class LogThreshold: Sendable {
    private struct State {
        /// nil: nothing is written.
        var minimum: Logger.Level?
        var name: String
    }

    private let state: Mutex<State>

    public init(minimum: Logger.Level?, name: String? = nil) {
        self.state = Mutex(State(minimum: minimum, name: name ?? minimum?.name ?? "none"))
    }

    public var minimum: Logger.Level? { self.state.withLock { $0.minimum } }
    public var name: String { self.state.withLock { $0.name } }

    public func set(minimum: Logger.Level?, name: String) {
        self.state.withLock { $0 = State(minimum: minimum, name: name) }
    }

    func allows(_ level: Logger.Level) -> Bool {
        self.state.withLock { state in state.minimum.map { level >= $0 } ?? false }
    }
}
