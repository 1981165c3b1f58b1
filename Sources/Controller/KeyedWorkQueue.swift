import Synchronization

/// A work queue keyed by object, as a Kubernetes controller's: `workers` tasks take keys and process them; a key is
/// never processed by two workers at once; adding a key that is waiting collapses into the waiting entry; adding a
/// key while it is processed runs it once more afterwards; a key whose processing asks for a retry comes back after
/// its own exponential backoff, which a success forgets. Keys carry no payload, so whoever processes one reads fresh
/// state for it: a key that ran once more than needed finds nothing to do.
///
/// `run()` runs the workers until its task is cancelled or `shutDown()` is called; the queue is then finished (adds
/// are ignored, waiters released). Keys added before `run()` wait for it.
public final class KeyedWorkQueue<Key: Hashable & Sendable>: Sendable {
    /// How processing a key ended, which decides what happens to it next.
    public enum Outcome: Hashable, Sendable {
        /// Done: the key's failure count is forgotten.
        case done
        /// Failed in a way that may heal: the key comes back after its backoff.
        case retry
        /// Failed in a way a retry cannot fix: forgotten until it is added again.
        case failed
    }

    public typealias Process = @Sendable (Key) async -> Outcome

    /// A run in progress: whether the key was added again meanwhile, and the batches waiting for this run.
    private struct Running {
        var dirty = false
        var batches: [Int] = []
    }

    /// Callers of `addAndWait` waiting for their keys.
    private struct Batch {
        var remaining: Int
        var outcomes: [Key: Outcome] = [:]
        var continuation: CheckedContinuation<[Key: Outcome], Never>?
    }

    private struct State {
        var waiting: [Key] = []
        var head = 0
        var queued: Set<Key> = []
        var running: [Key: Running] = [:]
        var retries: [Key: (token: Int, task: Task<Void, Never>)] = [:]
        var failures: [Key: Int] = [:]
        var idleWorkers: [CheckedContinuation<Key?, Never>] = []
        /// Batches waiting for the next run of a key (one that starts after they asked).
        var listeners: [Key: [Int]] = [:]
        var batches: [Int: Batch] = [:]
        /// Batches given an id and not registered yet, and those among them whose caller was cancelled meanwhile.
        var unregistered: Set<Int> = []
        var abandoned: Set<Int> = []
        var nextID = 0
        var started = false
        var finished = false

        mutating func popWaiting() -> Key? {
            guard self.head < self.waiting.count else { return nil }
            let key = self.waiting[self.head]
            self.head += 1
            if self.head == self.waiting.count {
                self.waiting.removeAll(keepingCapacity: true)
                self.head = 0
            } else if self.head >= 64, self.head * 2 >= self.waiting.count {
                self.waiting.removeFirst(self.head)
                self.head = 0
            }
            self.queued.remove(key)
            return key
        }

        /// Marks `key` running; the batches listening for its next run now wait for this one.
        mutating func start(_ key: Key) {
            self.running[key] = Running(batches: self.listeners.removeValue(forKey: key) ?? [])
        }

        /// Hands `key` to an idle worker (returned, to be resumed outside the lock) or puts it at the back.
        mutating func enqueue(_ key: Key) -> CheckedContinuation<Key?, Never>? {
            guard !self.queued.contains(key) else { return nil }
            if !self.idleWorkers.isEmpty {
                self.start(key)
                return self.idleWorkers.removeFirst()
            }
            self.waiting.append(key)
            self.queued.insert(key)
            return nil
        }
    }

    public let workers: Int
    public let backoff: RetryBackoff
    private let process: Process
    private let sleep: @Sendable (Duration) async throws -> Void
    private let state = Mutex(State())

    /// `clock` times the retries (tests pass one that does not really wait).
    public init<C: Clock>(
        workers: Int, backoff: RetryBackoff, clock: C = ContinuousClock(), process: @escaping Process
    ) where C.Duration == Duration {
        self.workers = max(1, workers)
        self.backoff = backoff
        self.process = process
        self.sleep = { try await clock.sleep(for: $0) }
    }

    /// Keys waiting for a worker or for their retry, and keys that run again when their current run ends: the
    /// `brickyard_queue_depth` gauge.
    public var depth: Int {
        self.state.withLock { state in
            state.queued.count + state.retries.count + state.running.values.count(where: \.dirty)
        }
    }

    /// Keys being processed now.
    public var inProgress: Int { self.state.withLock { $0.running.count } }

    /// Asks for `key` to be processed. A key scheduled for a retry is taken now (its failure count is kept).
    public func add(_ key: Key) {
        let handoff = self.state.withLock { state in Self.add(key, to: &state) }
        handoff.retry?.cancel()
        handoff.worker?.resume(returning: key)
    }

    public func add(contentsOf keys: some Sequence<Key>) {
        for key in keys { self.add(key) }
    }

    /// What adding a key leaves to do outside the lock: a retry timer to cancel, a worker to wake.
    private struct Handoff {
        var retry: Task<Void, Never>?
        var worker: CheckedContinuation<Key?, Never>?
    }

    private static func add(_ key: Key, to state: inout State) -> Handoff {
        guard !state.finished else { return Handoff() }
        if state.running[key] != nil {
            state.running[key]?.dirty = true
            return Handoff()
        }
        let retry = state.retries.removeValue(forKey: key)?.task
        return Handoff(retry: retry, worker: state.enqueue(key))
    }

    /// Adds `keys` and waits until each has been processed by a run that started after this call; returns how
    /// those runs ended. A key missing from the result was not processed: the queue finished first, or the caller
    /// was cancelled.
    public func addAndWait(_ keys: some Sequence<Key>) async -> [Key: Outcome] {
        let keys = Set(keys)
        guard !keys.isEmpty else { return [:] }
        let id = self.state.withLock { state in
            defer { state.nextID += 1 }
            state.unregistered.insert(state.nextID)
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Key: Outcome], Never>) in
                let (handoffs, release) = self.state.withLock { state -> ([(Handoff, Key)], Bool) in
                    state.unregistered.remove(id)
                    if state.finished || state.abandoned.remove(id) != nil { return ([], true) }
                    state.batches[id] = Batch(remaining: keys.count, continuation: continuation)
                    var handoffs: [(Handoff, Key)] = []
                    for key in keys {
                        state.listeners[key, default: []].append(id)
                        handoffs.append((Self.add(key, to: &state), key))
                    }
                    return (handoffs, false)
                }
                if release { continuation.resume(returning: [:]) }
                for (handoff, key) in handoffs {
                    handoff.retry?.cancel()
                    handoff.worker?.resume(returning: key)
                }
            }
        } onCancel: {
            let batch = self.state.withLock { state -> Batch? in
                if let batch = state.batches.removeValue(forKey: id) { return batch }
                // Cancelled before the batch was registered: registration sees this and returns at once.
                if state.unregistered.remove(id) != nil { state.abandoned.insert(id) }
                return nil
            }
            batch?.continuation?.resume(returning: batch?.outcomes ?? [:])
        }
    }

    /// Runs the workers until the task is cancelled or `shutDown()` is called, then returns once the keys being
    /// processed have ended. Only the first call runs; later ones return at once.
    public func run() async {
        let first = self.state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started && !state.finished
        }
        guard first else { return }
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<self.workers {
                    group.addTask { await self.work() }
                }
            }
        } onCancel: {
            self.shutDown()
        }
    }

    /// Finishes the queue: idle workers end, keys being processed end their current run and are not run again,
    /// scheduled retries are dropped, and every `addAndWait` caller gets what has ended so far.
    public func shutDown() {
        let (workers, retries, batches) = self.state.withLock { state in
            state.finished = true
            let workers = state.idleWorkers
            let retries = state.retries.values.map(\.task)
            let batches = Array(state.batches.values)
            state.idleWorkers = []
            state.retries = [:]
            state.batches = [:]
            state.listeners = [:]
            state.waiting = []
            state.head = 0
            state.queued = []
            return (workers, retries, batches)
        }
        for retry in retries { retry.cancel() }
        for worker in workers { worker.resume(returning: nil) }
        for batch in batches { batch.continuation?.resume(returning: batch.outcomes) }
    }

    private func work() async {
        while let key = await self.next() {
            let outcome = await self.process(key)
            self.finish(key, outcome)
        }
    }

    /// The next key to process (marked running), or nil once the queue has finished.
    private func next() async -> Key? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
            let ready = self.state.withLock { state -> (key: Key?, now: Bool) in
                if state.finished { return (nil, true) }
                if let key = state.popWaiting() {
                    state.start(key)
                    return (key, true)
                }
                state.idleWorkers.append(continuation)
                return (nil, false)
            }
            if ready.now { continuation.resume(returning: ready.key) }
        }
    }

    /// Records how a run ended: tells the batches waiting for it, then runs the key again if it was added
    /// meanwhile, or schedules its retry.
    private func finish(_ key: Key, _ outcome: Outcome) {
        let (done, worker) = self.state.withLock { state -> ([Batch], CheckedContinuation<Key?, Never>?) in
            let run = state.running.removeValue(forKey: key) ?? Running()
            var done: [Batch] = []
            for id in run.batches {
                guard var batch = state.batches[id] else { continue }
                batch.outcomes[key] = outcome
                batch.remaining -= 1
                if batch.remaining == 0 {
                    state.batches.removeValue(forKey: id)
                    done.append(batch)
                } else {
                    state.batches[id] = batch
                }
            }
            if outcome == .retry {
                state.failures[key, default: 0] += 1
            } else {
                state.failures.removeValue(forKey: key)
            }
            guard !state.finished else { return (done, nil) }
            if run.dirty { return (done, state.enqueue(key)) }
            if outcome == .retry { self.scheduleRetry(of: key, in: &state) }
            return (done, nil)
        }
        for batch in done { batch.continuation?.resume(returning: batch.outcomes) }
        worker?.resume(returning: key)
    }

    private func scheduleRetry(of key: Key, in state: inout State) {
        let delay = self.backoff.delay(afterFailures: state.failures[key] ?? 1)
        let token = state.nextID
        state.nextID += 1
        // The task cannot reach the state before this lock is released, so it is recorded first.
        let task = Task { [sleep = self.sleep] in
            do {
                try await sleep(delay)
            } catch {
                return
            }
            self.retryDue(key, token: token)
        }
        state.retries[key] = (token, task)
    }

    private func retryDue(_ key: Key, token: Int) {
        let worker = self.state.withLock { state -> CheckedContinuation<Key?, Never>? in
            guard let retry = state.retries[key], retry.token == token, !state.finished else { return nil }
            state.retries.removeValue(forKey: key)
            return state.enqueue(key)
        }
        worker?.resume(returning: key)
    }
}
