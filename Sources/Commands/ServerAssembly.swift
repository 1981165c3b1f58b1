internal import Configuration
internal import Dispatch
internal import EventLog
internal import Executor
internal import Foundation
internal import HTTPServer
internal import Metrics
internal import Operations
internal import Reconciler
internal import CommandExecutor
internal import RESTAPI
internal import Store

/// The running server's parts, wired together, and its life: recover, listen, wait for a signal, drain.
struct ServerAssembly: Sendable {
    let configuration: ServerConfiguration
    let store: SQLiteStore
    let executor: any NodeExecutor
    let tls: HTTPServerConfiguration.TLS?
    /// The documents directory to reconcile, when serving as a controller.
    let desired: ReconcileLoop.Settings?
    let log: Logger

    /// How long a finished operation's result stays readable at `/queue/{id}`.
    static let resultRetention: Int64 = 24 * 3600
    /// How long SIGTERM waits for running operations before exiting; unfinished ones are recovered at the next start.
    static let drainTimeout: Duration = .seconds(30)

    func run() async -> Int32 {
        let metrics = MetricsRegistry()
        let operationsTotal = metrics.counter(
            "brickyard_operations_total", help: "Operations finished, by type and result.", labels: ["type", "result"])
        let operationDuration = metrics.histogram(
            "brickyard_operation_duration_seconds", help: "Time from acceptance to the end of an operation.",
            labels: ["type"])
        let trimmer = HeapTrimmer()
        // The service is made after the engine; operations that end before it exists have nothing to drop.
        let rendered = RenderedResponsesHook()
        let engine = OperationEngine(
            store: self.store, executor: self.executor,
            settings: EngineSettings(
                allocationPolicy: self.configuration.allocationPolicy,
                preRequestVolumeOptions: self.configuration.preRequestVolumeOptions,
                postRequestVolumeOptions: self.configuration.postRequestVolumeOptions,
                maxInflightOperations: self.configuration.maxInflightOperations,
                mountRoot: ExecutorFactory.mountRoot(self.configuration)),
            log: self.log.with(("component", "engine")),
            onFinish: { type, status, duration in
                operationsTotal.increment(type.rawValue, status.rawValue)
                let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                operationDuration.observe(seconds, type.rawValue)
                trimmer.request()
                rendered.drop()
            })
        do throws(StoreError) {
            let recovered = try await engine.recover()
            if recovered > 0 { self.log.warning("recovery_started", ("operations", recovered)) }
        } catch {
            self.log.error("recovery_failed", ("error", error.description))
            return 1
        }
        let service = RESTService(
            engine: engine,
            settings: RESTService.Settings(
                adminKey: self.configuration.adminKey, userKey: self.configuration.userKey,
                authEnabled: self.configuration.authEnabled),
            metrics: metrics, log: self.log.with(("component", "http")), examiner: GlusterExamination.examiner(for: self.executor))
        rendered.attach(service)
        let host = self.configuration.listen.host.lowercased() == "localhost" ? "127.0.0.1" : self.configuration.listen.host
        let errorLog = self.log.with(("component", "microhttpd"))
        let daemon = HTTPServerDaemon(
            configuration: HTTPServerConfiguration(
                host: host, port: UInt16(self.configuration.listen.port), threadPoolSize: 2, tls: self.tls,
                errorLog: { errorLog.warning("http_server", ("message", $0.trimmingCharacters(in: .whitespacesAndNewlines))) }),
            handler: { await service.handle($0) })
        do throws(HTTPServerError) {
            try daemon.start()
        } catch {
            self.log.error("listen_failed", ("address", self.configuration.listen.description), ("error", "\(error)"))
            return 1
        }
        self.log.info(
            "listening", ("address", "\(host):\(daemon.port ?? 0)"), ("tls", self.tls != nil),
            ("auth", self.configuration.authEnabled), ("executor", self.configuration.executor.description))
        let pruning = Task { await self.pruneFinishedOperations(engine: engine) }
        let reconciling = self.desired.map { settings in
            let loop = ReconcileLoop(
                settings: settings, engine: engine, executor: self.executor,
                observer: (self.executor as? CommandExecutor).map(CommandExecutorObserver.init), metrics: metrics,
                log: self.log.with(("component", "reconcile")))
            self.log.info(
                "reconciling", ("directory", settings.directory),
                ("resync_seconds", Int(settings.period.components.seconds)))
            return Task { await loop.run() }
        }
        let signal = await Self.waitForTermination()
        self.log.info("shutting_down", ("signal", signal))
        pruning.cancel()
        reconciling?.cancel()
        service.releaseHeldPolls()
        await daemon.stop()
        let drained = await Self.race(Self.drainTimeout) { await engine.waitUntilIdle() }
        if !drained {
            self.log.warning("shutdown_incomplete", ("inflight", engine.inflightCount))
        }
        self.log.info("stopped")
        return 0
    }

    /// Drops finished operations once their results have been readable for a day; those still marking entries stay.
    private func pruneFinishedOperations(engine: OperationEngine) async {
        while !Task.isCancelled {
            let cutoff = UnixTime(seconds: OperationEngine.systemClock().seconds - Self.resultRetention)
            do throws(StoreError) {
                let pruned = try await self.store.pruneFinishedOperations(olderThan: cutoff)
                if pruned > 0 { self.log.info("operations_pruned", ("count", pruned)) }
            } catch {
                self.log.warning("prune_failed", ("error", error.description))
            }
            try? await Task.sleep(for: .seconds(600))
        }
    }

    /// Waits for SIGTERM or SIGINT and returns its name.
    static func waitForTermination() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let fired = NSLock()
            nonisolated(unsafe) var resumed = false
            nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []
            for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    let first = fired.withLock { () -> Bool in
                        defer { resumed = true }
                        return !resumed
                    }
                    if first {
                        continuation.resume(returning: name)
                    }
                }
                source.resume()
                sources.append(source)
            }
            SignalSources.keep(sources)
        }
    }

    /// Runs `work`, giving up after `timeout`; true when it finished in time.
    static func race(_ timeout: Duration, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await work()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}

/// Keeps signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) private static var retained: [any DispatchSourceSignal] = []

    static func keep(_ sources: [any DispatchSourceSignal]) {
        self.retained += sources
    }
}
