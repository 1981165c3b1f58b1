internal import EventLog

/// One part of a running server with a life of its own: the engine, the HTTP listener, the pruner, the controller.
protocol ServerPart: Sendable {
    /// For the log.
    var name: String { get }
    /// Gets ready; a failure stops the start-up, and the parts already started are stopped in reverse order.
    func start() async throws(ServeCommand.StartupError)
    /// Work that lasts as long as the server (a loop); returns when its task is cancelled.
    func run() async
    /// Stops gracefully, once every part's `run` has returned.
    func stop() async
}

extension ServerPart {
    func start() async throws(ServeCommand.StartupError) {}
    func run() async {}
    func stop() async {}
}

/// Starts a server's parts in order, runs them until `stopSignal` returns, then stops them in reverse order: the
/// controller and the pruner first, then the listener (no request is accepted while the engine drains), the engine
/// last. Replaces tasks cancelled by hand, so a new part cannot be forgotten at shutdown or stopped out of order.
struct ServiceGroup: Sendable {
    let parts: [any ServerPart]
    let log: Logger

    /// 0 after a clean stop, 1 when a part could not start.
    func run(until stopSignal: @escaping @Sendable () async -> String) async -> Int32 {
        var started: [any ServerPart] = []
        for part in self.parts {
            do throws(ServeCommand.StartupError) {
                try await part.start()
                started.append(part)
            } catch {
                self.log.error("start_failed", ("part", part.name), ("error", error.message))
                await self.stop(started)
                return 1
            }
        }
        let running = started
        let signal = await withTaskGroup(of: Void.self, returning: String.self) { group in
            for part in running { group.addTask { await part.run() } }
            let signal = await stopSignal()
            group.cancelAll()
            await group.waitForAll()
            return signal
        }
        self.log.info("shutting_down", ("signal", signal))
        await self.stop(started)
        self.log.info("stopped")
        return 0
    }

    private func stop(_ parts: [any ServerPart]) async {
        for part in parts.reversed() { await part.stop() }
    }
}
