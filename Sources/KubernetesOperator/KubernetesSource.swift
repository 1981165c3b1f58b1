public import Controller
public import DesiredState
public import EventLog
public import Foundation
import KubernetesAPI
public import KubernetesClient
public import ReconcilePlanning
public import Operations
import Synchronization

/// Desired state from the Kubernetes API: GlusterVolumes, kept current by an informer (list, then watch), each
/// object read through the same validation as a document (`decodeVolume`). Status goes back to the object's status
/// subresource, transitions become events, and Brickyard's finalizer holds a GlusterVolume back from deletion until
/// the reconcile core has deleted (Delete) or released (Retain) its volume.
///
/// Nothing is read as desired until the first list is in: an empty cache must never look like "every claim was
/// deleted". An object Brickyard has not put its finalizer on yet is not acted on either; the finalizer is written
/// first, so a volume is never made for an object that could vanish without a teardown.
public final class KubernetesSource: DesiredStateSource {
    /// Reads one GlusterVolume's JSON into a claim, or says what is wrong with it and where.
    public typealias VolumeDecoder = @Sendable (_ object: Data, _ location: SourceLocation) throws(DesiredStateError) -> VolumeClaim

    public static let sourceKind = "kubernetes"

    private struct State {
        var revision: UInt64 = 0
        /// Decoded claims by cache key, with the resourceVersion they were decoded at.
        var decoded: [String: (version: String?, result: Result<VolumeClaim, DesiredStateError>)] = [:]
        var statuses: [ClaimReference: ClaimStatus] = [:]
        /// Invalid objects told so, by key and version, so a bad object is reported once, not at every read.
        var reportedInvalid: [String: String?] = [:]
        /// The desired state last built from the cache, and the revision it was built at: the loop reads once per
        /// key, and rebuilding from every cached object each time would make a pass quadratic.
        var built: (revision: UInt64, desired: DesiredState)?
        var tasks: [Task<Void, Never>] = []
        var ringers: [UUID: AsyncStream<Void>.Continuation] = [:]
    }

    public let kind = KubernetesSource.sourceKind
    public let namespace: String?
    private let client: KubernetesClient
    /// Closed, the source writes nothing (status, finalizers, events): only the leader does.
    private let gate: MutationGate
    private let events: EventRecorder
    private let decodeVolume: VolumeDecoder
    private let log: Logger
    private let state = Mutex(State())
    private let volumes: Mutex<Informer?> = Mutex(nil)

    /// Watches GlusterVolumes in `namespace` (every namespace when nil).
    public init(
        client: KubernetesClient, namespace: String? = nil, events: EventRecorder, decodeVolume: @escaping VolumeDecoder,
        gate: MutationGate = MutationGate(), informerSettings: Informer.Settings = Informer.Settings(),
        log: Logger = .discarding
    ) {
        self.client = client
        self.gate = gate
        self.namespace = namespace
        self.events = events
        self.decodeVolume = decodeVolume
        self.log = log
        let informer = Informer(
            client: client, kind: .glusterVolumes, namespace: namespace, settings: informerSettings, log: log
        ) { [weak self] change in self?.changed(change) }
        self.volumes.withLock { $0 = informer }
    }

    public var summary: String { "kubernetes \(self.client.endpoint.server) glustervolumes" + (self.namespace.map { " in \($0)" } ?? "") }

    private var informer: Informer { self.volumes.withLock { $0! } }

    /// Starts the informer; `stop()` ends it.
    public func start() {
        let informer = self.informer
        let task = Task { await informer.run() }
        self.state.withLock { $0.tasks.append(task) }
    }

    public func stop() {
        let tasks = self.state.withLock { state in
            defer { state.tasks = [] }
            return state.tasks
        }
        for task in tasks { task.cancel() }
    }

    /// Whether the first list is in.
    public var hasSynced: Bool { self.informer.hasSynced }

    // MARK: DesiredStateSource

    /// The claims of the cached objects; `fresh` lists them from the server instead, so the deletion guard's
    /// second look never trusts a cache that might have missed an object.
    public func read(fresh: Bool) async throws(DesiredStateError) -> DesiredState {
        let informer = self.informer
        guard informer.hasSynced else {
            throw DesiredStateError(
                SourceLocation(file: "kubernetes", line: 0, column: 0), "waiting for the first list of glustervolumes")
        }
        if !fresh, let built = self.state.withLock({ state in
            state.built.flatMap { $0.revision == state.revision ? $0.desired : nil }
        }) {
            return built
        }
        let revision = self.state.withLock { $0.revision }
        var objects = informer.objects
        if fresh {
            do throws(KubernetesError) {
                let listed = try await self.client.list(.glusterVolumes, namespace: self.namespace)
                objects = [:]
                for item in listed.items {
                    if let metadata = ObjectMetadata.of(item) { objects[metadata.key] = item }
                }
            } catch {
                throw DesiredStateError(SourceLocation(file: "kubernetes", line: 0, column: 0), error.description)
            }
        }
        var desired = self.desired(from: objects)
        desired.revision = revision
        if !fresh { self.state.withLock { $0.built = (revision, desired) } }
        return desired
    }

    private func desired(from objects: [String: Data]) -> DesiredState {
        var desired = DesiredState(source: self.kind)
        var invalid: [(key: String, object: Data, error: DesiredStateError)] = []
        for (key, object) in objects.sorted(by: { $0.key < $1.key }) {
            guard let metadata = ObjectMetadata.of(object) else { continue }
            let reference = ClaimReference(source: self.kind, namespace: metadata.namespace, name: metadata.name)
            if metadata.isBeingDeleted {
                // Only objects Brickyard holds back wait for it; the others go without it.
                if metadata.hasFinalizer(Finalizer.name) { desired.departing.insert(reference) }
                continue
            }
            guard metadata.hasFinalizer(Finalizer.name) else { continue }
            switch self.decoded(key, metadata, object) {
            case .success(let claim): desired.claims.append(claim)
            case .failure(let error): invalid.append((key, object, error))
            }
        }
        for entry in invalid { self.reportInvalid(entry.key, entry.object, entry.error) }
        return desired
    }

    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        self.state.withLock { $0.ringers[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.ringers.removeValue(forKey: id) }
        }
        return stream
    }

    public func report(_ status: ClaimStatus) async {
        let previous = self.state.withLock { state -> ClaimStatus? in
            defer { state.statuses[status.claim] = status }
            return state.statuses[status.claim]
        }
        let key = Self.key(of: status.claim)
        guard self.gate.isOpen, let object = self.informer.object(key), let metadata = ObjectMetadata.of(object) else {
            return
        }
        do throws(KubernetesError) {
            try await self.client.send(
                .mergePatch(.glusterVolumes, metadata.name, namespace: metadata.namespace, subresource: "status",
                            body: GlusterVolumeStatus.patch(status)))
        } catch where error.isNotFound {
            return
        } catch {
            self.log.warning("status_write_failed", ("claim", status.claim.description), ("error", error.description))
        }
        if let event = StatusEvents.event(from: previous, to: status, regarding: Self.regarding(metadata)) {
            await self.events.record(event)
        }
    }

    public func forget(_ claim: ClaimReference) async {
        _ = self.state.withLock { $0.statuses.removeValue(forKey: claim) }
        let key = Self.key(of: claim)
        guard self.gate.isOpen, let object = self.informer.object(key), let metadata = ObjectMetadata.of(object),
            metadata.hasFinalizer(Finalizer.name)
        else { return }
        do throws(KubernetesError) {
            try await self.client.update(.glusterVolumes, metadata.name, namespace: metadata.namespace) {
                (current) throws(KubernetesError) in Finalizer.removing(from: current)
            }
            self.log.info("finalizer_removed", ("claim", claim.description))
        } catch {
            self.log.warning("finalizer_remove_failed", ("claim", claim.description), ("error", error.description))
        }
    }

    // MARK: Changes

    private func changed(_ change: Informer.Change) {
        if case .upserted(_, let object) = change, let metadata = ObjectMetadata.of(object),
            !metadata.isBeingDeleted, !metadata.hasFinalizer(Finalizer.name)
        {
            self.addFinalizer(metadata)
        }
        let ringers = self.state.withLock { state -> [AsyncStream<Void>.Continuation] in
            state.revision += 1
            if case .deleted(let key, _) = change {
                state.decoded[key] = nil
                state.reportedInvalid[key] = nil
            }
            return Array(state.ringers.values)
        }
        guard self.informer.hasSynced || { if case .synced = change { true } else { false } }() else { return }
        for ringer in ringers { ringer.yield() }
    }

    /// Puts Brickyard's finalizer on a new object (its next event brings it into the desired state).
    private func addFinalizer(_ metadata: ObjectMetadata) {
        guard self.gate.isOpen else { return }
        let task = Task {
            do throws(KubernetesError) {
                try await self.client.update(.glusterVolumes, metadata.name, namespace: metadata.namespace) {
                    (current) throws(KubernetesError) in Finalizer.adding(to: current)
                }
            } catch where error.isNotFound {
                return
            } catch {
                self.log.warning("finalizer_add_failed", ("object", metadata.key), ("error", error.description))
            }
        }
        self.state.withLock { state in
            state.tasks.removeAll { $0.isCancelled }
            state.tasks.append(task)
        }
    }

    // MARK: Decoding

    private func decoded(_ key: String, _ metadata: ObjectMetadata, _ object: Data) -> Result<VolumeClaim, DesiredStateError> {
        if let cached = self.state.withLock({ $0.decoded[key] }), cached.version == metadata.resourceVersion {
            return cached.result
        }
        let location = SourceLocation(file: "kubernetes:glustervolumes/\(key)", line: 1, column: 1)
        let result = Result { () throws(DesiredStateError) in try self.decodeVolume(object, location) }
        self.state.withLock { $0.decoded[key] = (metadata.resourceVersion, result) }
        return result
    }

    /// An object that cannot be a claim: its status says why (Degraded, reason Invalid) and a warning event, once
    /// per version of the object. It is left out of the desired state, so nothing happens to its volume.
    private func reportInvalid(_ key: String, _ object: Data, _ error: DesiredStateError) {
        guard let metadata = ObjectMetadata.of(object) else { return }
        let first = self.state.withLock { state -> Bool in
            if let seen = state.reportedInvalid[key], seen == metadata.resourceVersion { return false }
            state.reportedInvalid[key] = metadata.resourceVersion
            return true
        }
        guard first else { return }
        let reference = ClaimReference(source: self.kind, namespace: metadata.namespace, name: metadata.name)
        let now = Int64(Date().timeIntervalSince1970)
        let status = ClaimStatus(claim: reference, volumeName: metadata.name).after(
            .refused(reason: "Invalid", message: error.rule), generation: metadata.generation ?? 0, at: now)
        Task { await self.report(status) }
    }

    static func key(of claim: ClaimReference) -> String {
        claim.namespace.map { "\($0)/\(claim.name)" } ?? claim.name
    }

    static func regarding(_ metadata: ObjectMetadata) -> EventObject.Regarding {
        EventObject.Regarding(
            apiVersion: "brickyard.io/v1alpha1", kind: "GlusterVolume", name: metadata.name,
            namespace: metadata.namespace, uid: metadata.uid)
    }
}
