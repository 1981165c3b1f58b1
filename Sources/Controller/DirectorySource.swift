public import DesiredState
public import EventLog
import Foundation
public import ReconcilePlanning
import Synchronization

/// Desired state from a directory of documents as a team keeps it in git (`DesiredStateDirectory`). Edits are noticed
/// through inotify where it works (`DirectoryWatcher`), with a slow poll of the documents' fingerprint as a safety net,
/// and by polling every `pollInterval` where it does not. Reads are cached by that fingerprint, so the loop may read
/// once per key without parsing the documents again. Status goes to the log, one line when a claim's phase changes.
public final class DirectorySource: DesiredStateSource {
    public struct Settings: Sendable {
        public var directory: String
        /// How often the documents are checked for changes when they cannot be watched.
        public var pollInterval: Duration
        /// Whether to watch the documents with inotify (false: always poll).
        public var watch: Bool
        /// How long the documents must be quiet after a change before it counts (an editor's write, rename and
        /// chmod make one change).
        public var debounce: Duration
        /// How often the documents are checked while they are watched: a safety net for missed events.
        public var watchedPollInterval: Duration

        public init(
            directory: String, pollInterval: Duration = .seconds(2), watch: Bool = true,
            debounce: Duration = .milliseconds(200), watchedPollInterval: Duration = .seconds(30)
        ) {
            self.directory = directory
            self.pollInterval = pollInterval
            self.watch = watch
            self.debounce = debounce
            self.watchedPollInterval = watchedPollInterval
        }
    }

    private struct State {
        var cached: (fingerprint: [String], state: DesiredState)?
        var watchFailureLogged = false
        var looks = 0
        /// Reads so far, for each read's revision.
        var revision: UInt64 = 0
        /// The fingerprint `changes()` last saw while it watches (nil otherwise): a cached read made at it stands.
        var watched: [String]?
    }

    public let kind = ClaimReference.directory
    public let settings: Settings
    let log: Logger
    private let state = Mutex(State())

    public init(settings: Settings, log: Logger = .discarding) {
        self.settings = settings
        self.log = log
    }

    public var summary: String { "directory \(self.settings.directory)" }

    /// How many times the documents' fingerprint was checked for a change (a watcher event or a poll).
    public var looks: Int { self.state.withLock { $0.looks } }

    /// While `changes()` is watching, a cached read stands until the watch sees the fingerprint move (within the
    /// debounce with inotify, `pollInterval` without), so reading once per key costs nothing; otherwise each read
    /// checks the fingerprint. `fresh` always parses the documents again.
    public func read(fresh: Bool) throws(DesiredStateError) -> DesiredState {
        if !fresh, let cached = self.state.withLock({ state in
            state.cached.flatMap { $0.fingerprint == state.watched ? $0 : nil }
        }) {
            return cached.state
        }
        let fingerprint = Self.fingerprint(self.settings.directory)
        if !fresh, let cached = self.state.withLock({ $0.cached }), cached.fingerprint == fingerprint {
            return cached.state
        }
        var read = try DesiredStateDirectory.load(self.settings.directory)
        read.revision = self.state.withLock { state in
            state.revision += 1
            return state.revision
        }
        self.state.withLock { $0.cached = (fingerprint, read) }
        return read
    }

    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let watching = Task { await self.watch(into: continuation) }
        continuation.onTermination = { _ in watching.cancel() }
        return stream
    }

    public func report(_ status: ClaimStatus) {
        let condition = status.condition(status.phase)
        self.log.log(
            status.phase == .degraded ? .warning : .info, "claim_status",
            [("claim", status.claim.description), ("phase", status.phase.rawValue),
             ("reason", condition?.reason ?? ""), ("message", condition?.message ?? "")])
    }

    public func forget(_ claim: ClaimReference) {
        self.log.info("claim_status", ("claim", claim.description), ("phase", "Gone"))
    }

    /// Rings `continuation` whenever the documents' fingerprint changes: checked at each watcher event and at every
    /// check interval, until cancelled. The watcher only says "look again"; the fingerprint decides.
    private func watch(into continuation: AsyncStream<Void>.Continuation) async {
        let watcher = self.startWatcher()
        defer {
            watcher?.stop()
            self.state.withLock { $0.watched = nil }
        }
        let (looks, look) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            if let watcher {
                group.addTask {
                    for await _ in watcher.changes { look.yield() }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: self.checkInterval(watcher))
                    look.yield()
                }
            }
            group.addTask {
                var last = Self.fingerprint(self.settings.directory)
                self.state.withLock { $0.watched = last }
                for await _ in looks {
                    let fingerprint = Self.fingerprint(self.settings.directory)
                    self.state.withLock { $0.looks += 1 }
                    guard fingerprint != last else { continue }
                    last = fingerprint
                    self.state.withLock { $0.watched = fingerprint }
                    self.log.info("desired_state_changed", ("directory", self.settings.directory))
                    continuation.yield()
                }
            }
            // Every child runs until the consumer goes away and this task is cancelled.
            await group.waitForAll()
        }
    }

    /// Watches the documents with inotify, or says why it polls instead (one log line either way).
    private func startWatcher() -> DirectoryWatcher? {
        guard self.settings.watch else {
            self.log.info("desired_state_watch", ("mode", "polling"), ("reason", "watching is turned off"))
            return nil
        }
        do throws(DirectoryWatcher.WatchError) {
            let watcher = try DirectoryWatcher(directory: self.settings.directory, debounce: self.settings.debounce)
            let count = watcher.initialWatchCount
            self.log.info(
                "desired_state_watch", ("mode", "inotify"),
                ("reason", "watching \(count) director\(count == 1 ? "y" : "ies")"))
            return watcher
        } catch {
            self.log.info("desired_state_watch", ("mode", "polling"), ("reason", error.description))
            return nil
        }
    }

    /// Slowly while the watcher works, every `pollInterval` otherwise. A watcher that stopped working (the
    /// directory was moved, the watch limit was reached) is logged once.
    private func checkInterval(_ watcher: DirectoryWatcher?) -> Duration {
        guard let watcher else { return self.settings.pollInterval }
        guard let failure = watcher.failure else { return self.settings.watchedPollInterval }
        let first = self.state.withLock { state in
            defer { state.watchFailureLogged = true }
            return !state.watchFailureLogged
        }
        if first { self.log.warning("desired_state_watch", ("mode", "polling"), ("reason", failure)) }
        return self.settings.pollInterval
    }

    /// Paths, sizes and modification times of the documents, to notice an edit without reading them.
    static func fingerprint(_ directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey],
            options: [.skipsHiddenFiles])
        else { return [] }
        var entries: [String] = []
        while let url = enumerator.nextObject() as? URL {
            guard ["yaml", "yml", "json"].contains(url.pathExtension.lowercased()),
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
            else { continue }
            let modified = values.contentModificationDate?.timeIntervalSince1970 ?? 0
            entries.append("\(url.path) \(values.fileSize ?? 0) \(modified)")
        }
        return entries.sorted()
    }
}
