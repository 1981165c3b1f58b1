import StorageModel
import Synchronization

/// Response bodies rendered from one store revision, kept until the topology changes.
///
/// `GET /volumes/{id}` lists every node of the volume's cluster as a mount host (Heketi's format), so its body
/// grows with the cluster; rendering it once per topology change instead of once per read keeps reads as cheap at
/// 300 nodes as at 30. Bounded by `budget` bytes; anything from an older revision is dropped on sight, and
/// `removeAll()` lets the server drop it when operations change the topology.
final class RenderedResponses: Sendable {
    private struct State {
        var revision: UInt64 = 0
        var bodies: [VolumeID: [UInt8]] = [:]
        var bytes = 0
    }

    private let budget: Int
    private let state = Mutex(State())

    init(budget: Int = 8 << 20) {
        self.budget = budget
    }

    /// The body rendered for `volume` at `revision`, if any.
    func body(for volume: VolumeID, at revision: UInt64) -> [UInt8]? {
        self.state.withLock { $0.revision == revision ? $0.bodies[volume] : nil }
    }

    /// Keeps `body` for `volume` at `revision`; a newer revision replaces everything kept; over budget, nothing
    /// more is kept until the next revision.
    func keep(_ body: [UInt8], for volume: VolumeID, at revision: UInt64) {
        self.state.withLock { state in
            if state.revision != revision {
                guard revision > state.revision else { return }
                state = State(revision: revision)
            }
            guard state.bytes + body.count <= self.budget else { return }
            state.bytes += body.count
            state.bodies[volume] = body
        }
    }

    func removeAll() {
        self.state.withLock { state in state = State(revision: state.revision) }
    }

    var count: Int { self.state.withLock { $0.bodies.count } }
}
