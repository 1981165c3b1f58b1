internal import Controller
internal import EventLog
internal import Foundation
internal import HTTPServer
internal import Operations
internal import RESTAPI
internal import Store
internal import StoreRecords

/// The engine: recovers interrupted operations before anything listens, and at the end waits for running
/// operations (up to `drainTimeout`; unfinished ones are recovered at the next start).
struct EnginePart: ServerPart {
    let engine: OperationEngine
    let drainTimeout: Duration
    let log: Logger
    var name: String { "engine" }

    func start() async throws(ServeCommand.StartupError) {
        do throws(StoreError) {
            let recovered = try await self.engine.recover()
            if recovered > 0 { self.log.warning("recovery_started", ("operations", recovered)) }
        } catch {
            throw .init(message: "recovery failed: \(error.description)")
        }
    }

    func stop() async {
        let drained = await ServerAssembly.race(self.drainTimeout) { await self.engine.waitUntilIdle() }
        if !drained { self.log.warning("shutdown_incomplete", ("inflight", self.engine.inflightCount)) }
    }
}

/// The HTTP listener: the REST API and `/metrics`.
struct ListenerPart: ServerPart {
    let daemon: HTTPServerDaemon
    let service: RESTService
    let address: String
    let summary: [(String, any CustomStringConvertible & Sendable)]
    let host: String
    let log: Logger
    var name: String { "listener" }

    func start() async throws(ServeCommand.StartupError) {
        do throws(HTTPServerError) {
            try self.daemon.start()
        } catch {
            self.log.error("listen_failed", ("address", self.address), ("error", "\(error)"))
            throw .init(message: "cannot listen on \(self.address): \(error)")
        }
        self.log.log(.info, "listening", [("address", "\(self.host):\(self.daemon.port ?? 0)")] + self.summary)
    }

    /// Held polls are answered first (each as still pending), so the daemon's stop does not wait out their waits.
    func stop() async {
        self.service.releaseHeldPolls()
        await self.daemon.stop()
    }
}

/// Drops finished operations once their results have been readable for `retention` seconds (those still marking
/// entries stay), every ten minutes.
struct PrunerPart: ServerPart {
    let store: SQLiteStore
    let retention: Int64
    let log: Logger
    var name: String { "pruner" }

    func run() async {
        while !Task.isCancelled {
            let cutoff = UnixTime(seconds: OperationEngine.systemClock().seconds - self.retention)
            do throws(StoreError) {
                let pruned = try await self.store.pruneFinishedOperations(olderThan: cutoff)
                if pruned > 0 { self.log.info("operations_pruned", ("count", pruned)) }
            } catch {
                self.log.warning("prune_failed", ("error", error.description))
            }
            try? await Task.sleep(for: .seconds(600))
        }
    }
}

/// The controller: the reconcile loop over the documents directory.
struct ControllerPart: ServerPart {
    let loop: ReconcileLoop
    let directory: String
    let period: Duration
    let log: Logger
    var name: String { "controller" }

    func run() async {
        self.log.info("reconciling", ("directory", self.directory), ("resync_seconds", Int(self.period.components.seconds)))
        await self.loop.run()
    }
}
