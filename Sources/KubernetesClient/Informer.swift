public import EventLog
public import Foundation
public import KubernetesAPI
import Synchronization

/// A cache of one kind's objects kept current the way client-go's informers keep theirs: list, then watch from
/// the list's version; a watch that ends is opened again from the last version seen (bookmarks move it on while
/// nothing changes); 410 Gone (that version was compacted) lists again, and the new list is compared with the
/// cache so an object changed or deleted while the watch was down is still reported. Failures back off, capped.
///
/// Reports each change through `onChange` in the order the server made them; `objects` is the cache itself, for
/// readers that want every object without asking the server.
public final class Informer: Sendable {
    public struct Settings: Sendable {
        /// How long the server keeps one watch open before ending it (it is then opened again).
        public var watchTimeoutSeconds: Int
        public var pageSize: Int
        /// The pause after the first failure, doubled for each further one, up to `maximumBackoff`.
        public var initialBackoff: Duration
        public var maximumBackoff: Duration

        public init(
            watchTimeoutSeconds: Int = 300, pageSize: Int = 500, initialBackoff: Duration = .milliseconds(200),
            maximumBackoff: Duration = .seconds(30)
        ) {
            self.watchTimeoutSeconds = watchTimeoutSeconds
            self.pageSize = pageSize
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
        }
    }

    public enum Change: Sendable {
        /// Added or changed (also: found different by a list after a dropped watch).
        case upserted(key: String, object: Data)
        /// Gone, with its last known state.
        case deleted(key: String, object: Data)
        /// The first list is in the cache: from now on the cache is the kind's whole state.
        case synced
    }

    private struct Entry {
        var object: Data
        var resourceVersion: String?
    }

    private struct State {
        var cache: [String: Entry] = [:]
        var resourceVersion = ""
        var synced = false
        var lists = 0
        var watches = 0
        var failures = 0
    }

    public let kind: ResourceKind
    public let namespace: String?
    public let labelSelector: String?
    public let settings: Settings
    private let client: KubernetesClient
    private let log: Logger
    private let onChange: @Sendable (Change) -> Void
    private let state = Mutex(State())

    public init(
        client: KubernetesClient, kind: ResourceKind, namespace: String? = nil, labelSelector: String? = nil,
        settings: Settings = Settings(), log: Logger = .discarding, onChange: @escaping @Sendable (Change) -> Void
    ) {
        self.client = client
        self.kind = kind
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.settings = settings
        self.log = log.with(("resource", kind.plural))
        self.onChange = onChange
    }

    // MARK: Reading the cache

    public var hasSynced: Bool { self.state.withLock { $0.synced } }
    public var objects: [String: Data] { self.state.withLock { $0.cache.mapValues(\.object) } }
    public func object(_ key: String) -> Data? { self.state.withLock { $0.cache[key]?.object } }
    /// The last version the cache is known to be current at.
    public var resourceVersion: String { self.state.withLock { $0.resourceVersion } }
    /// Lists and watches made so far, for tests and metrics.
    public var counts: (lists: Int, watches: Int) { self.state.withLock { ($0.lists, $0.watches) } }

    // MARK: Running

    /// Lists and watches until the task is cancelled.
    public func run() async {
        var mustList = true
        while !Task.isCancelled {
            do throws(KubernetesError) {
                if mustList {
                    try await self.relist()
                    mustList = false
                }
                let version = self.resourceVersion
                let session = try await self.client.watch(
                    self.kind, namespace: self.namespace, resourceVersion: version,
                    timeoutSeconds: self.settings.watchTimeoutSeconds, labelSelector: self.labelSelector)
                self.state.withLock { $0.watches += 1 }
                let opened = ContinuousClock.now
                let events = try await self.follow(session)
                if events == 0 && ContinuousClock.now - opened < .seconds(1) {
                    // A watch the server ends at once, empty, is a server in trouble: back off as after a failure
                    // instead of reopening it in a tight loop.
                    throw KubernetesError.malformed("the watch ended at once without an event")
                }
                self.state.withLock { $0.failures = 0 }
            } catch {
                guard !Task.isCancelled else { break }
                if error.isGone {
                    self.log.info("watch.expired", ("action", "list again"))
                    mustList = true
                    continue
                }
                let failures = self.state.withLock { state in
                    state.failures += 1
                    return state.failures
                }
                let pause = self.backoff(after: failures)
                self.log.warning("watch.failed", ("error", error.description), ("retryIn", pause))
                try? await Task.sleep(for: pause)
            }
        }
    }

    /// Reads the watch's events into the cache until the server ends it; returns how many there were.
    private func follow(_ session: WatchSession) async throws(KubernetesError) -> Int {
        defer { session.cancel() }
        var count = 0
        while let event = try await session.next() {
            count += 1
            switch event {
            case .added(let object), .modified(let object):
                self.store(object)
            case .deleted(let object):
                self.remove(object)
            case .bookmark(let version):
                self.state.withLock { $0.resourceVersion = version }
            case .error(let status):
                throw .status(status)
            }
        }
        return count
    }

    private func store(_ object: Data) {
        guard let metadata = ObjectMetadata.of(object) else { return }
        let changed = self.state.withLock { state -> Bool in
            if let version = metadata.resourceVersion { state.resourceVersion = version }
            let old = state.cache[metadata.key]
            state.cache[metadata.key] = Entry(object: object, resourceVersion: metadata.resourceVersion)
            return old?.resourceVersion != metadata.resourceVersion || old?.resourceVersion == nil
        }
        if changed { self.onChange(.upserted(key: metadata.key, object: object)) }
    }

    private func remove(_ object: Data) {
        guard let metadata = ObjectMetadata.of(object) else { return }
        let existed = self.state.withLock { state -> Bool in
            if let version = metadata.resourceVersion { state.resourceVersion = version }
            return state.cache.removeValue(forKey: metadata.key) != nil
        }
        if existed { self.onChange(.deleted(key: metadata.key, object: object)) }
    }

    /// Lists every object and makes the cache equal to the list, reporting what differs.
    private func relist() async throws(KubernetesError) {
        let (items, version) = try await self.client.list(
            self.kind, namespace: self.namespace, labelSelector: self.labelSelector, pageSize: self.settings.pageSize)
        var fresh: [String: Entry] = [:]
        for item in items {
            guard let metadata = ObjectMetadata.of(item) else { continue }
            fresh[metadata.key] = Entry(object: item, resourceVersion: metadata.resourceVersion)
        }
        let (changes, firstSync) = self.state.withLock { state -> ([Change], Bool) in
            var changes: [Change] = []
            for (key, entry) in fresh.sorted(by: { $0.key < $1.key })
            where state.cache[key]?.resourceVersion != entry.resourceVersion || state.cache[key] == nil {
                changes.append(.upserted(key: key, object: entry.object))
            }
            for (key, entry) in state.cache.sorted(by: { $0.key < $1.key }) where fresh[key] == nil {
                changes.append(.deleted(key: key, object: entry.object))
            }
            state.cache = fresh
            state.resourceVersion = version
            state.lists += 1
            state.failures = 0
            let first = !state.synced
            state.synced = true
            return (changes, first)
        }
        self.log.debug("list.done", ("objects", fresh.count), ("changes", changes.count), ("version", version))
        for change in changes { self.onChange(change) }
        if firstSync { self.onChange(.synced) }
    }

    private func backoff(after failures: Int) -> Duration {
        let exponent = min(failures - 1, 20)
        let pause = self.settings.initialBackoff * (1 << exponent)
        return min(pause, self.settings.maximumBackoff)
    }
}
