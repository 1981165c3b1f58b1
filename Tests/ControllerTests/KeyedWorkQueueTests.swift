import TestSupport
import Controller
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct KeyedWorkQueueTests {
    static let tiny = RetryBackoff(base: .milliseconds(1), cap: .milliseconds(1))

    @Test func aKeyIsNeverProcessedByTwoWorkersAtOnce() async {
        let tracker = ConcurrencyTracker<Int>()
        let queue = KeyedWorkQueue<Int>(workers: 4, backoff: Self.tiny) { key in
            tracker.enter(key)
            try? await Task.sleep(for: .milliseconds(1))
            tracker.leave(key)
            return .done
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            // Eight tasks add three keys over and over, while those keys wait and while they run.
            await withTaskGroup(of: Void.self) { adders in
                for _ in 0..<8 {
                    adders.addTask {
                        for round in 0..<100 {
                            queue.add(round % 3)
                            await Task.yield()
                        }
                    }
                }
            }
            _ = await queue.addAndWait(0..<3)
            queue.shutDown()
        }
        let counts = tracker.snapshot
        #expect(counts.mostPerKey == 1)
        #expect(counts.runs.keys.sorted() == [0, 1, 2])
        // Repeats collapsed: far fewer runs than the 800 adds.
        #expect(counts.runs.values.reduce(0, +) < 800)
    }

    @Test func addingAWaitingKeyAHundredTimesRunsItOnce() async {
        let tracker = ConcurrencyTracker<String>()
        let queue = KeyedWorkQueue<String>(workers: 2, backoff: Self.tiny) { key in
            tracker.enter(key)
            tracker.leave(key)
            return .done
        }
        for _ in 0..<100 { queue.add("a") }
        #expect(queue.depth == 1)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            // Joins the waiting entry rather than adding another.
            #expect(await queue.addAndWait(["a"]) == ["a": .done])
            queue.shutDown()
        }
        #expect(tracker.snapshot.runs == ["a": 1])
        #expect(queue.depth == 0)
    }

    @Test func addingAKeyWhileItRunsRunsItExactlyOnceMore() async {
        let tracker = ConcurrencyTracker<String>()
        let gate = Gate()
        let finished = Mutex(0)
        let queue = KeyedWorkQueue<String>(workers: 4, backoff: Self.tiny) { key in
            tracker.enter(key)
            if tracker.snapshot.runs[key] == 1 { await gate.wait() }
            tracker.leave(key)
            finished.withLock { $0 += 1 }
            return .done
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            queue.add("a")
            #expect(await eventually { tracker.snapshot.active["a"] == 1 })
            for _ in 0..<10 { queue.add("a") }
            // The ten adds are one pending run.
            #expect(queue.depth == 1)
            gate.open()
            #expect(await eventually { finished.withLock { $0 } == 2 })
            #expect(queue.depth == 0)
            queue.shutDown()
        }
        #expect(tracker.snapshot.runs == ["a": 2])
        #expect(tracker.snapshot.mostPerKey == 1)
    }

    @Test func distinctKeysRunInParallelUpToTheWorkerCount() async {
        let tracker = ConcurrencyTracker<Int>()
        let gate = Gate()
        let queue = KeyedWorkQueue<Int>(workers: 3, backoff: Self.tiny) { key in
            tracker.enter(key)
            await gate.wait()
            tracker.leave(key)
            return .done
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            group.addTask {
                let outcomes = await queue.addAndWait(0..<6)
                #expect(
                    outcomes == Dictionary(uniqueKeysWithValues: (0..<6).map { ($0, KeyedWorkQueue<Int>.Outcome.done) })
                )
            }
            #expect(await eventually { tracker.snapshot.total == 3 })
            // Three run, three wait: the queue hands out no fourth while the first three hold their workers (and
            // `mostInAll` below would see a fourth run alongside them at any moment).
            #expect(queue.inProgress == 3)
            #expect(queue.depth == 3)
            gate.open()
            await group.next()
            queue.shutDown()
        }
        #expect(tracker.snapshot.mostInAll == 3)
        #expect(tracker.snapshot.runs.count == 6)
    }

    @Test func failuresBackOffDoublingUpToTheCapAndASuccessResetsIt() async {
        let clock = RecordingClock()
        let failuresLeft = Mutex(6)
        let runs = Mutex(0)
        let queue = KeyedWorkQueue<String>(
            workers: 2, backoff: RetryBackoff(base: .milliseconds(1), cap: .milliseconds(8)), clock: clock
        ) { _ in
            runs.withLock { $0 += 1 }
            return failuresLeft.withLock { left in
                guard left > 0 else { return .done }
                left -= 1
                return .retry
            }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            // Six failures, each retried after its backoff, then a success.
            #expect(await queue.addAndWait(["a"]) == ["a": .retry])
            #expect(await eventually { runs.withLock { $0 } == 7 && queue.depth == 0 })
            #expect(clock.sleeps == [1, 2, 4, 8, 8, 8].map(Duration.milliseconds))
            // After the success the count starts again from the base.
            failuresLeft.withLock { $0 = 1 }
            #expect(await queue.addAndWait(["a"]) == ["a": .retry])
            #expect(await eventually { runs.withLock { $0 } == 9 && queue.depth == 0 })
            #expect(clock.sleeps == [1, 2, 4, 8, 8, 8, 1].map(Duration.milliseconds))
            queue.shutDown()
        }
    }

    @Test func aRetryWaitingForItsBackoffCountsInTheDepthAndAFailureIsNotRetried() async {
        let queue = KeyedWorkQueue<String>(workers: 2, backoff: RetryBackoff(base: .seconds(600), cap: .seconds(600))) {
            key in key == "flaky" ? .retry : .failed
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            #expect(await queue.addAndWait(["flaky", "broken"]) == ["flaky": .retry, "broken": .failed])
            #expect(queue.depth == 1)
            // Adding a key that waits for its retry runs it now, without waiting out the backoff.
            #expect(await queue.addAndWait(["flaky"]) == ["flaky": .retry])
            #expect(queue.depth == 1)
            queue.shutDown()
            #expect(queue.depth == 0)
        }
    }

    @Test func shutDownReleasesWaitersEndsTheWorkersAndIgnoresLaterAdds() async {
        let tracker = ConcurrencyTracker<String>()
        let gate = Gate()
        let queue = KeyedWorkQueue<String>(workers: 2, backoff: Self.tiny) { key in
            tracker.enter(key)
            if key == "slow" { await gate.wait() }
            tracker.leave(key)
            return .done
        }
        let running = Task { await queue.run() }
        let waiting = Task { await queue.addAndWait(["slow", "quick"]) }
        #expect(await eventually { tracker.snapshot.active["slow"] == 1 && tracker.snapshot.runs["quick"] == 1 })
        queue.shutDown()
        // The waiter hears what ended; the run still in progress is not waited for.
        let outcomes = await waiting.value
        #expect(outcomes["slow"] == nil)
        gate.open()
        await running.value
        queue.add("late")
        #expect(await queue.addAndWait(["later"]) == [:])
        #expect(queue.depth == 0)
        #expect(tracker.snapshot.runs["late"] == nil && tracker.snapshot.runs["later"] == nil)
        #expect(tracker.snapshot.total == 0)
    }

    @Test func cancellingRunEndsTheWorkers() async {
        let runs = Mutex(0)
        let queue = KeyedWorkQueue<Int>(workers: 4, backoff: Self.tiny) { _ in
            runs.withLock { $0 += 1 }
            return .done
        }
        let running = Task { await queue.run() }
        #expect(await queue.addAndWait([1, 2, 3]).count == 3)
        running.cancel()
        await running.value
        queue.add(4)
        #expect(queue.depth == 0)
        #expect(runs.withLock { $0 } == 3)
    }

    @Test func aCancelledWaiterReturnsWithoutItsKeys() async {
        let gate = Gate()
        let queue = KeyedWorkQueue<Int>(workers: 1, backoff: Self.tiny) { _ in
            await gate.wait()
            return .done
        }
        let running = Task { await queue.run() }
        let waiting = Task { await queue.addAndWait([1]) }
        #expect(await eventually { queue.inProgress == 1 })
        waiting.cancel()
        #expect(await waiting.value == [:])
        gate.open()
        queue.shutDown()
        await running.value
    }
}
