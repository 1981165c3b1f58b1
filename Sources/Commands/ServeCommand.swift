internal import Configuration
internal import Controller
internal import EventLog
internal import Executor
internal import Foundation
internal import HTTPServer
internal import Metrics
internal import RESTAPI
internal import StorageModel
internal import Store
internal import StoreRecords

/// `brickyard serve`: the Heketi-compatible REST server over the embedded SQLite store.
///
/// Wiring only: it resolves the configuration, opens the store, picks the executor, recovers unfinished
/// operations, and runs the HTTP server until SIGTERM or SIGINT, then drains requests and operations.
struct ServeCommand {
    static let help = """
        usage: brickyard serve [--config FILE] [--listen HOST:PORT] [--db PATH] [--executor mock|local|ssh|kubectl]
                               [--admin-key K] [--user-key K] [--disable-auth] [--allow-unauthenticated-remote]
                               [--tls-cert PEM --tls-key PEM] [--log-level debug|info|warning|error]
                               [--desired DIR [--resync-period SECONDS] [--observe-interval SECONDS]]

        Serves Heketi's REST API (existing heketi-cli and client libraries work unchanged) with state in SQLite.
        Defaults: listen 127.0.0.1:8080, db brickyard.db, executor mock. FILE may be Heketi's heketi.json or YAML.
        HEKETI_ADMIN_KEY, HEKETI_USER_KEY and BRICKYARD_* variables override the file; flags override both.
        The mock executor reports every device as BRICKYARD_MOCK_DEVICE_SIZE_GIB (default 500) GiB and takes
        BRICKYARD_MOCK_DELAY_MS per action (default 0), and keeps its imaginary nodes in BRICKYARD_MOCK_STATE (a JSON
        file) when set. BRICKYARD_CRASH_AFTER_ACTIONS=N kills the process right after the N-th action (crash tests).
        With --desired, the server also reconciles the documents in DIR (as `brickyard apply` would, without
        pruning): at start, whenever a document changes, and every resync period (default 60 s). It looks at the
        nodes after each pass and every observe interval between passes (default 5 s; one script per node), and
        heals safe drift (starts a stopped volume, restores a changed option, re-probes a peer).

        example: brickyard serve --listen 127.0.0.1:8080 --db /var/lib/brickyard/brickyard.db --admin-key secret
        """

    static let flagNames: Set<String> = ["disable-auth", "allow-unauthenticated-remote"]

    var configPath: String?
    var overrides: CommandLineOverrides
    var tlsCertificate: String?
    var tlsKey: String?
    var logLevel: Logger.Level
    var desired: String?
    var resyncPeriod: Duration = .seconds(60)
    var observeInterval: Duration = .seconds(5)

    init(arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: Self.flagNames)
        self.configPath = list.string("config")
        self.overrides = CommandLineOverrides(
            listen: list.string("listen"), databasePath: list.string("db"), executor: list.string("executor"),
            adminKey: list.string("admin-key"), userKey: list.string("user-key"), disableAuth: list.flag("disable-auth"),
            allowUnauthenticatedRemote: list.flag("allow-unauthenticated-remote"))
        self.tlsCertificate = list.string("tls-cert")
        self.tlsKey = list.string("tls-key")
        let level = try list.choice("log-level", default: "info", from: Logger.Level.allCases.map(\.name))
        self.logLevel = Logger.Level(name: level) ?? .info
        self.desired = list.string("desired")
        if let text = list.string("resync-period") {
            guard let seconds = Int(text), seconds >= 1, seconds <= 86_400 else {
                throw UsageError("--resync-period must be a whole number of seconds from 1 to 86400, not \"\(text)\"")
            }
            self.resyncPeriod = .seconds(seconds)
        }
        if let text = list.string("observe-interval") {
            guard let seconds = Int(text), seconds >= 1, seconds <= 86_400 else {
                throw UsageError("--observe-interval must be a whole number of seconds from 1 to 86400, not \"\(text)\"")
            }
            self.observeInterval = .seconds(seconds)
        }
        try list.finish()
        guard (self.tlsCertificate == nil) == (self.tlsKey == nil) else {
            throw UsageError("--tls-cert and --tls-key go together")
        }
    }

    /// Runs until a signal stops the server; returns the exit code.
    func run(errors: (String) -> Void) -> Int32 {
        let log = Logger(minimumLevel: self.logLevel).with(("component", "serve"))
        CodePageAdvice.apply()
        let server: ServerAssembly
        do throws(StartupError) {
            server = try self.assemble(log: log)
        } catch {
            errors("brickyard serve: \(error.message)")
            return 1
        }
        return AsyncBridge.wait { await server.run() }
    }

    struct StartupError: Error {
        var message: String
    }

    private func assemble(log: Logger) throws(StartupError) -> ServerAssembly {
        let environment = ProcessInfo.processInfo.environment
        let configuration: ServerConfiguration
        do throws(ConfigurationError) {
            let file = try self.configPath.map { path throws(ConfigurationError) in try ConfigurationFile.load(path: path) }
            let resolved = try ServerConfiguration.resolve(file: file, environment: environment, overrides: self.overrides)
            for warning in resolved.warnings { log.warning("configuration_warning", ("message", warning)) }
            configuration = resolved.0
        } catch {
            throw StartupError(message: error.description)
        }
        try DatabaseFile.checkIsSQLite(configuration.databasePath)
        let lock = try DatabaseLock.acquire(database: configuration.databasePath, command: "serve")
        let store: SQLiteStore
        do throws(StoreError) {
            store = try SQLiteStore(path: configuration.databasePath)
        } catch {
            throw StartupError(message: "cannot open the database \(configuration.databasePath): \(error)")
        }
        let executor = try ExecutorFactory.make(
            configuration, environment: environment, log: log.with(("component", "executor")))
        var tls: HTTPServerConfiguration.TLS?
        // The flags win over the file's enable_tls, cert_file and key_file.
        let flags = self.tlsCertificate.flatMap { certificate in self.tlsKey.map { (certificate, $0, "--tls-cert", "--tls-key") } }
        let file = configuration.tlsFiles.map { ($0.certificate, $0.key, "cert_file", "key_file") }
        if let (certificate, key, certificateName, keyName) = flags ?? file {
            guard let certificatePEM = try? String(contentsOfFile: certificate, encoding: .utf8),
                let keyPEM = try? String(contentsOfFile: key, encoding: .utf8)
            else {
                throw StartupError(message: "cannot read \(certificateName) \(certificate) or \(keyName) \(key)")
            }
            tls = HTTPServerConfiguration.TLS(certificatePEM: certificatePEM, privateKeyPEM: keyPEM)
        }
        log.info("configuration", ("summary", configuration.description))
        let desired = self.desired.map {
            DesiredDirectory(source: DirectorySource.Settings(directory: $0), loop: ReconcileLoop.Settings(period: self.resyncPeriod, observeInterval: self.observeInterval))
        }
        return ServerAssembly(
            configuration: configuration, store: store, executor: executor, tls: tls, desired: desired, lock: lock, log: log)
    }
}
