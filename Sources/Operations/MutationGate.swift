import Synchronization

/// The one switch in front of every change Brickyard makes: the engine's operations (REST, documents, Kubernetes
/// objects, heals) and the writes a source makes to its objects (status, finalizers, events). Open in a single
/// process; a replica that is not the leader, or that could not renew its lease, closes it, and from that moment
/// nothing new starts. Operations already applying run to their end (their journal makes them safe to take over).
public final class MutationGate: Sendable {
    /// Why the gate is closed; nil while it is open.
    private let closedBecause = Mutex<String?>(nil)

    public init(open: Bool = true, reason: String = "not the leader") {
        if !open { self.closedBecause.withLock { $0 = reason } }
    }

    public var isOpen: Bool { self.closedBecause.withLock { $0 == nil } }

    /// Why it is closed (nil when open).
    public var reason: String? { self.closedBecause.withLock { $0 } }

    public func open() {
        self.closedBecause.withLock { $0 = nil }
    }

    public func close(because reason: String) {
        self.closedBecause.withLock { $0 = reason }
    }
}
