public import DesiredState
public import ReconcilePlanning

/// Where desired state comes from: a documents directory today, Kubernetes objects next. The reconcile loop knows
/// sources only through this: what the source wants now, when to look again, and where a claim's status goes back.
/// Everything a source gives is one `DesiredState` whose claims carry the source's `kind` in their references, so
/// the loop adopts, changes and prunes only the volumes of its own source.
public protocol DesiredStateSource: Sendable {
    /// The source's kind, the first part of its claims' references (`directory`).
    var kind: String { get }
    /// One line for logs (`directory ./storage`).
    var summary: String { get }
    /// What the source asks for now. `fresh` skips any cache: the deletion guard's second read must really read.
    /// Throws when the source cannot be read or is invalid; the loop then changes nothing.
    func read(fresh: Bool) async throws(DesiredStateError) -> DesiredState
    /// Rings whenever the source may have changed, until the consuming task is cancelled.
    func changes() -> AsyncStream<Void>
    /// A claim's status after a reconcile, to be shown where the source's users look (a log line for documents, the
    /// status subresource and events for Kubernetes). Called only when the status changed.
    func report(_ status: ClaimStatus) async
    /// The claim is gone and so is its volume: its status goes too.
    func forget(_ claim: ClaimReference) async
}
