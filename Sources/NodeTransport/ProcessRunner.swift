import Foundation
import Glibc
import Synchronization

/// Runs a program on this machine and collects its output, without blocking Swift's cooperative pool.
///
/// Each run gets a thread of its own that spawns the child (`posix_spawnp`, with an empty signal mask and default
/// handlers, in a process group of its own), drains stdout and stderr with `poll`, and reaps it. At the deadline
/// the whole process group is killed, so a `sh -c` script cannot leave a grandchild running. Not Foundation's
/// `Process`: it spawns with the calling thread's signal mask and cannot kill a process group.
public enum ProcessRunner {
    /// Runs `argv` (looked up on `PATH` when `argv[0]` has no slash) with `environment` (this process's when nil),
    /// stdin from `/dev/null`, killing it after `timeout`.
    public static func run(
        _ argv: [String], environment: [String: String]? = nil, timeout: Duration
    ) async throws(TransportError) -> CommandResult {
        precondition(!argv.isEmpty, "a command needs a program")
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let thread = Thread {
                continuation.resume(returning: Self.runBlocking(argv, environment: environment, timeout: timeout))
            }
            thread.name = "brickyard-process"
            thread.stackSize = 256 * 1024
            thread.start()
        }
        switch outcome {
        case .finished(let result): return result
        case .failed(let error): throw error
        }
    }

    /// Held from creating the pipes until the child is spawned: `pipe2` is not imported, so the pipes get
    /// close-on-exec a moment after they are made, and no other spawn of this process may inherit them meanwhile
    /// (a stray copy of a write end would keep a reader waiting for an end of file that never comes).
    private static let spawnLock = Mutex(())

    private enum Outcome: Sendable {
        case finished(CommandResult)
        case failed(TransportError)
    }

    private static func runBlocking(_ argv: [String], environment: [String: String]?, timeout: Duration) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        var spawned: Result<pid_t, TransportError> = .failure(.launchFailed(program: argv[0], reason: "not started"))
        // ETXTBSY: the program was just written and another process forked while the file was still open for
        // writing; the stray descriptor goes away at that child's exec. Waits happen outside the lock, so one
        // busy program never holds up every other spawn.
        for attempt in 0..<20 {
            spawned = Self.spawnLock.withLock { _ -> Result<pid_t, TransportError> in
                guard pipe(&stdoutPipe) == 0 else { return .failure(Self.launchError(argv, errno)) }
                guard pipe(&stderrPipe) == 0 else {
                    let error = errno
                    close(stdoutPipe[0])
                    close(stdoutPipe[1])
                    return .failure(Self.launchError(argv, error))
                }
                for descriptor in stdoutPipe + stderrPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
                let result = Self.spawn(argv, environment: environment, stdout: stdoutPipe[1], stderr: stderrPipe[1])
                close(stdoutPipe[1])
                close(stderrPipe[1])
                if case .failure = result {
                    close(stdoutPipe[0])
                    close(stderrPipe[0])
                }
                return result
            }
            guard case .failure(.launchFailed(_, let reason)) = spawned, reason == Self.textBusy else { break }
            usleep(useconds_t(5_000 * (attempt + 1)))
        }
        let pid: pid_t
        switch spawned {
        case .success(let child): pid = child
        case .failure(let error): return .failed(error)
        }

        let deadline = start.advanced(by: timeout)
        var output = [[UInt8]](repeating: [], count: 2)
        var open = [stdoutPipe[0], stderrPipe[0]]
        var timedOut = false
        var exitedAt: ContinuousClock.Instant?
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // Read until both pipes close. Once the child has exited, a process it left in the background may still
        // hold a pipe open: its output is drained for a moment, then no longer waited for.
        while open.contains(where: { $0 >= 0 }) {
            let now = clock.now
            if now >= deadline {
                timedOut = exitedAt == nil
                break
            }
            if exitedAt == nil, Self.hasExited(pid) { exitedAt = now }
            if let exitedAt, exitedAt.duration(to: now) > Self.drainAfterExit { break }
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), Self.pollMilliseconds)
            if ready < 0 && errno != EINTR { break }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    output[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(open[index])
                    open[index] = -1
                }
            }
        }
        for descriptor in open where descriptor >= 0 { close(descriptor) }

        // The pipes are closed; the child has exited or is about to, still within the deadline.
        while !timedOut, exitedAt == nil {
            if Self.hasExited(pid) { break }
            if clock.now >= deadline {
                timedOut = true
                break
            }
            usleep(2_000)
        }
        // Whatever the command left behind in its group goes with it: killed while the exited child, not yet
        // reaped, still holds the group's id, so the signal cannot reach a recycled group.
        kill(-pid, SIGKILL)
        if timedOut {
            // Reaped when it goes (a process stuck in the kernel may take a while), without holding this run.
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
            let seconds = Int(timeout.components.seconds)
            return .failed(.timedOut(command: argv.prefix(3).joined(separator: " "), seconds: seconds))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // <sys/wait.h>'s macros are not imported: the low 7 bits hold the signal, 0 for a normal exit.
        let signal = status & 0x7f
        let exitCode = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return .finished(
            CommandResult(
                exitCode: exitCode, stdout: String(decoding: output[0], as: UTF8.self),
                stderr: String(decoding: output[1], as: UTF8.self), duration: start.duration(to: clock.now)))
    }

    /// `strerror(ETXTBSY)`, to recognise a spawn worth retrying.
    static let textBusy = String(cString: strerror(ETXTBSY))

    /// How long output is still read after the child exited, for a background process holding a pipe.
    static let drainAfterExit: Duration = .milliseconds(200)
    /// How often the loop looks at the child between reads.
    static let pollMilliseconds: Int32 = 20

    /// Whether the child has exited, without reaping it (`waitid` with `WNOWAIT`), so its process group id stays
    /// reserved until the group is killed.
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        return result == 0 && info._sifields._sigchld.si_pid == pid
    }

    /// Spawns `argv` with stdin from `/dev/null` and the given descriptors as stdout and stderr.
    private static func spawn(
        _ argv: [String], environment: [String: String]?, stdout: Int32, stderr: Int32
    ) -> Result<pid_t, TransportError> {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var empty = sigset_t()
        var all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        let variables: [UnsafeMutablePointer<CChar>?]? = environment.map { environment in
            environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { variables?.forEach { free($0) } }
        // posix_spawnp looks the program up on the PATH of the calling process, so a PATH given in `environment`
        // is honoured by resolving the program here first.
        let program = Self.resolve(argv[0], path: environment?["PATH"]) ?? argv[0]

        var pid: pid_t = 0
        let code = program.withCString { path in
            if let variables {
                return posix_spawnp(&pid, path, &actions, &attributes, arguments, variables)
            }
            return posix_spawnp(&pid, path, &actions, &attributes, arguments, environ)
        }
        return code == 0 ? .success(pid) : .failure(Self.launchError(argv, code))
    }

    /// The executable `name` would run as, searched on `path` (colon-separated); nil when not found there.
    static func resolve(_ name: String, path: String?) -> String? {
        guard !name.contains("/"), let path else { return nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func launchError(_ argv: [String], _ code: Int32) -> TransportError {
        .launchFailed(program: argv[0], reason: String(cString: strerror(code)))
    }
}
