import Foundation
import Glibc
import Synchronization

/// Says when something under a directory may have changed, with Linux inotify, so the reconcile loop notices an
/// edited document at once instead of polling for it.
///
/// The directory and every directory below it are watched (hidden ones skipped, as the document reader skips them;
/// directories made later are added as they appear). A dedicated thread blocks in poll(2) on the inotify descriptor
/// and on a socket that `stop()` writes to, so the cooperative pool never blocks. A burst of events (an editor's
/// write, rename and chmod) is debounced into one element of `changes`. It only says "look again": whether the
/// documents changed is for their fingerprint to decide.
///
/// `init` throws when inotify cannot be used (no inotify, the watch limit reached); the caller then polls. If the
/// watch later stops covering the directory (it was moved or deleted, a new directory hit the watch limit),
/// `failure` says why, and the caller should poll again.
public final class DirectoryWatcher: Sendable {
    /// Why the directory cannot be watched.
    public enum WatchError: Error, Hashable, Sendable, CustomStringConvertible {
        /// A system call failed: which, and its errno.
        case system(function: String, errno: Int32)
        /// inotify_add_watch ran out of watches (`fs.inotify.max_user_watches`).
        case watchLimit(path: String)
        case notADirectory(path: String)

        public var description: String {
            switch self {
            case .system(let function, let number):
                return "\(function) failed: \(String(cString: strerror(number)))"
            case .watchLimit(let path):
                return "the inotify watch limit (fs.inotify.max_user_watches) was reached at \(path)"
            case .notADirectory(let path):
                return "\(path) is not a directory"
            }
        }
    }

    /// One element per debounced burst of events; repeats collapse while nobody reads. One reader at a time.
    public let changes: AsyncStream<Void>
    /// How many directories were watched at the start.
    public let initialWatchCount: Int
    private let core: WatcherCore

    /// Watches `directory`; a change is reported once events have been quiet for `debounce` (or have gone on for
    /// ten times that).
    public init(directory: String, debounce: Duration = .milliseconds(200)) throws(WatchError) {
        let (changes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let core = try WatcherCore(root: directory, debounce: debounce, changes: continuation)
        self.changes = changes
        self.core = core
        self.initialWatchCount = core.initialWatches.count
        core.start()
    }

    deinit {
        self.core.stop()
    }

    /// Why the watch no longer covers the directory, or nil while it does.
    public var failure: String? {
        self.core.failure
    }

    /// Stops watching: the thread ends and closes its descriptors, and `changes` finishes.
    public func stop() {
        self.core.stop()
    }
}

/// The descriptors and the thread of a `DirectoryWatcher`. Separate from it so the thread does not keep the watcher
/// alive: the watcher's deinit stops the thread, and the thread closes the descriptors when it ends.
final class WatcherCore: Sendable {
    static let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF
            | IN_MOVE_SELF | IN_ATTRIB)

    let root: String
    let inotify: Int32
    let wakeRead: Int32
    let wakeWrite: Int32
    let debounce: Duration
    let initialWatches: [Int32: String]
    let changes: AsyncStream<Void>.Continuation
    private let state = Mutex(State())

    private struct State {
        /// `stop()` was called or the thread ended.
        var stopped = false
        var failure: String?
    }

    init(
        root: String, debounce: Duration, changes: AsyncStream<Void>.Continuation
    ) throws(DirectoryWatcher.WatchError) {
        var status = stat()
        guard stat(root, &status) == 0 else { throw .system(function: "stat", errno: errno) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: root) }
        let inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotify >= 0 else { throw .system(function: "inotify_init1", errno: errno) }
        // A socket pair rather than a pipe: it is made close-on-exec at once (glibc's pipe2 is not visible to
        // Swift), so a process the executor spawns meanwhile does not inherit it.
        var wakeEnds: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        guard socketpair(AF_UNIX, type, 0, &wakeEnds) == 0 else {
            let number = errno
            close(inotify)
            throw .system(function: "socketpair", errno: number)
        }
        var watches: [Int32: String] = [:]
        do throws(DirectoryWatcher.WatchError) {
            try Self.watchTree(root, inotify: inotify, into: &watches, isRoot: true)
        } catch {
            close(inotify)
            close(wakeEnds[0])
            close(wakeEnds[1])
            throw error
        }
        self.root = root
        self.inotify = inotify
        self.wakeRead = wakeEnds[0]
        self.wakeWrite = wakeEnds[1]
        self.debounce = debounce
        self.initialWatches = watches
        self.changes = changes
    }

    var failure: String? {
        self.state.withLock { $0.failure }
    }

    func start() {
        let thread = Thread { [self] in self.watch() }
        thread.name = "brickyard-inotify"
        thread.start()
    }

    /// Wakes the thread, which ends and closes the descriptors. The byte is written under the lock, and the thread
    /// marks itself stopped under it before closing anything, so it is never written to a closed descriptor.
    func stop() {
        self.state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            var byte: UInt8 = 1
            _ = write(self.wakeWrite, &byte, 1)
        }
        self.changes.finish()
    }

    /// Called by the thread as it ends: later `stop()` calls write nothing; then the descriptors are closed.
    func closeDescriptors() {
        self.state.withLock { $0.stopped = true }
        close(self.inotify)
        close(self.wakeRead)
        close(self.wakeWrite)
        self.changes.finish()
    }

    /// Records that the watch no longer covers the directory, and wakes the reader so it notices.
    func fail(_ reason: String) {
        self.state.withLock { state in
            if state.failure == nil { state.failure = reason }
        }
        self.changes.yield()
    }

    /// Adds a watch on `path` and every non-hidden directory below it. Only the root's failures are errors; a
    /// directory that vanished or cannot be read meanwhile is skipped, the watch limit is not.
    static func watchTree(
        _ path: String, inotify: Int32, into watches: inout [Int32: String], isRoot: Bool = false
    ) throws(DirectoryWatcher.WatchError) {
        let descriptor = inotify_add_watch(inotify, path, Self.mask | UInt32(IN_ONLYDIR))
        guard descriptor >= 0 else {
            let number = errno
            if number == ENOSPC { throw .watchLimit(path: path) }
            if isRoot { throw .system(function: "inotify_add_watch", errno: number) }
            return
        }
        watches[descriptor] = path
        for child in Self.subdirectories(of: path) {
            try Self.watchTree(child, inotify: inotify, into: &watches)
        }
    }

    /// The non-hidden directories directly in `path` (symbolic links are not followed, as the reader does not).
    static func subdirectories(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var found: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var status = stat()
                isDirectory = lstat(child, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
            }
            if isDirectory { found.append(child) }
        }
        return found
    }
}
