import KubernetesAPI
import Synchronization

/// Everything the fake API server keeps, behind one `Mutex`: objects and history, open watches, faults and the
/// request log. Watches are fed from inside the lock, so each sees changes in the order they were made.
final class FakeAPICore: Sendable {
    struct State {
        var store: FakeObjectStore
        var hub = WatchHub()
        var faults = FaultTable()
        var log = FakeAPIRequestLog()
    }

    let options: FakeAPIServer.Options
    let state: Mutex<State>

    init(options: FakeAPIServer.Options) {
        self.options = options
        self.state = Mutex(State(store: FakeObjectStore(historyLimit: options.historyLimit)))
    }

    /// Runs a store write and sends its change to the watches, under the lock.
    func write(
        _ body: (inout FakeObjectStore) throws(FakeAPIError) -> FakeObjectStore.Written
    ) throws(FakeAPIError) -> FakeObjectStore.Written {
        try self.state.withLock { state throws(FakeAPIError) in
            let written = try body(&state.store)
            if let change = written.change {
                state.hub.publish(change)
            }
            return written
        }
    }

    func read<Result>(_ body: (FakeObjectStore) throws(FakeAPIError) -> Result) throws(FakeAPIError) -> Result {
        try self.state.withLock { state throws(FakeAPIError) in try body(state.store) }
    }

    /// Ends every open watch (outside the lock: ending one runs its `onTermination`, which takes the lock).
    func dropWatches(partialLine: Bool) {
        let continuations = self.state.withLock { $0.hub.removeAll(partialLine: partialLine) }
        continuations.forEach { $0.finish() }
    }

    /// Removes every fault and lets hung requests go on.
    func clearFaults() {
        let held = self.state.withLock { $0.faults.clear() }
        held.forEach { $0.resume() }
    }
}
