import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A serial executor that runs every job on one thread of its own.
///
/// `sqlite3_step` and the fsync behind each commit block their thread; running the store's actor here keeps them
/// off Swift's cooperative pool, whose few threads the HTTP handlers and the controller share. Jobs run in the
/// order they were enqueued. `stop()` lets the thread finish what is queued and exit.
final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    /// What the thread runs, in one FIFO order: a job of the actor, or a closure queued with `run(_:)`.
    private enum Work {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [Work] = []
    private var stopping = false
    /// The running thread, compared by `pthread_equal` because `Thread.current` may be a fresh wrapper object.
    private var thread: pthread_t?

    init(name: String) {
        let thread = Thread { [self] in
            // Named from inside: on Linux, a name set before `start()` is not applied, and the new thread would
            // otherwise show its creator's name in `top -H` and in crash reports.
            Thread.current.name = name
            self.condition.lock()
            self.thread = pthread_self()
            self.condition.unlock()
            self.runJobs()
        }
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        self.add(.job(UnownedJob(job)))
    }

    /// Runs `work` on the thread after everything queued so far, without making a task: the store's own
    /// housekeeping (the group-commit drain) gets here without a trip through the shared pool.
    func run(_ work: @escaping @Sendable () -> Void) {
        self.add(.closure(work))
    }

    private func add(_ work: Work) {
        self.condition.lock()
        self.jobs.append(work)
        self.condition.signal()
        self.condition.unlock()
    }

    /// Lets the thread exit once the queue is empty; called when the owning actor is released.
    func stop() {
        self.condition.lock()
        self.stopping = true
        self.condition.signal()
        self.condition.unlock()
    }

    /// Lets `assumeIsolated` and isolation checks succeed on this executor's thread.
    func checkIsolated() {
        precondition(self.isCurrentThread, "not on the store's thread")
    }

    /// Whether the caller runs on this executor's own thread.
    var isCurrentThread: Bool {
        self.condition.lock()
        let thread = self.thread
        self.condition.unlock()
        return thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
    }

    private func runJobs() {
        let executor = self.asUnownedSerialExecutor()
        while true {
            self.condition.lock()
            while self.jobs.isEmpty && !self.stopping {
                self.condition.wait()
            }
            if self.jobs.isEmpty {
                self.thread = nil
                self.condition.unlock()
                return
            }
            let batch = self.jobs
            self.jobs.removeAll(keepingCapacity: true)
            self.condition.unlock()
            for work in batch {
                switch work {
                case .job(let job): job.runSynchronously(on: executor)
                case .closure(let closure): closure()
                }
            }
        }
    }
}
