import Glibc

/// A child process started with `posix_spawn` with a clean signal state, its output appended to a file.
///
/// Not Foundation's `Process`: that spawns with the calling thread's signal mask, and a thread of the cooperative
/// pool blocks nearly every signal, so a server started from async code would never see the SIGTERM sent to stop it.
/// Here the child gets an empty mask and default handlers (`POSIX_SPAWN_SETSIGMASK`, `POSIX_SPAWN_SETSIGDEF`).
final class ChildProcess {
    /// How the child ended.
    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let code): return "exit \(code)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }
    }

    let pid: pid_t
    private(set) var termination: Termination?

    /// Starts `path` with `arguments` (not including argv[0]) and this process's environment; stdin reads
    /// `/dev/null`, stdout and stderr append to `outputPath`. Throws the failing call and `strerror` text.
    init(path: String, arguments: [String], outputPath: String) throws(ChildProcessError) {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var empty = sigset_t()
        var all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard code == 0 else {
            throw ChildProcessError(function: "posix_spawn", reason: String(cString: strerror(code)))
        }
        self.pid = pid
    }

    /// Whether the child still runs; reaps it (and records `termination`) once it has ended.
    var isRunning: Bool {
        guard self.termination == nil else { return false }
        var status: Int32 = 0
        let result = waitpid(self.pid, &status, WNOHANG)
        guard result == self.pid else { return result == 0 }
        // The <sys/wait.h> macros are not imported: the low 7 bits hold the signal, 0 for a normal exit.
        let signal = status & 0x7f
        self.termination = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        return false
    }

    /// Sends `signal` to the child unless it has been reaped (so a recycled pid is never hit).
    func send(_ signal: Int32) {
        if self.isRunning { kill(self.pid, signal) }
    }
}

/// A failed system call while starting a child process.
struct ChildProcessError: Error, CustomStringConvertible {
    var function: String
    var reason: String

    var description: String { "\(self.function): \(self.reason)" }
}
