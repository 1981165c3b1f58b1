internal import Configuration
internal import Dispatch
internal import EventLog
internal import Executor
internal import Foundation
internal import HTTPServer
internal import Metrics
internal import Operations
internal import Controller
internal import CommandExecutor
internal import Planning
internal import RESTAPI
internal import Store
internal import StoreRecords

/// The running server's parts, wired together, and run as a `ServiceGroup`: the engine (recovers at start, drains
/// at the end), the listener, the pruner of old results, and with `--desired` the controller.
struct ServerAssembly: Sendable {
    let configuration: ServerConfiguration
    let store: SQLiteStore
    let executor: any NodeExecutor
    let tls: HTTPServerConfiguration.TLS?
    /// The documents directory to reconcile, when serving as a controller.
    let desired: DesiredDirectory?
    /// Held for the life of the server: no other writer opens the database meanwhile.
    let lock: DatabaseLock?
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
                mountRoot: self.configuration.brickMountRoot),
            log: self.log.with(("component", "engine")),
            onFinish: { type, status, duration in
                operationsTotal.increment(type.rawValue, status.rawValue)
                let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                operationDuration.observe(seconds, type.rawValue)
                trimmer.request()
                rendered.drop()
            })
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
        var parts: [any ServerPart] = [
            EnginePart(engine: engine, drainTimeout: Self.drainTimeout, log: self.log),
            ListenerPart(
                daemon: daemon, service: service, address: self.configuration.listen.description,
                summary: [("tls", self.tls != nil), ("auth", self.configuration.authEnabled),
                          ("executor", self.configuration.executor.description)],
                host: host, log: self.log),
            PrunerPart(store: self.store, retention: Self.resultRetention, log: self.log),
        ]
        if let desired = self.desired {
            let log = self.log.with(("component", "reconcile"))
            let loop = ReconcileLoop(
                settings: desired.loop, source: DirectorySource(settings: desired.source, log: log), engine: engine,
                executor: self.executor,
                observer: (self.executor as? CommandExecutor).map(CommandExecutorObserver.init), metrics: metrics,
                log: log)
            parts.append(ControllerPart(loop: loop, directory: desired.source.directory, period: desired.loop.period, log: self.log))
        }
        return await ServiceGroup(parts: parts, log: self.log).run { await Self.waitForTermination() }
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

/// The documents directory a controller reconciles, and how.
struct DesiredDirectory: Sendable {
    var source: DirectorySource.Settings
    var loop: ReconcileLoop.Settings
}
