import Curl
import EventLog
import Executor
import Foundation
import HTTPServer
import Metrics
import Operations
import RESTAPI
import StorageModel
import Store
import TestSupport

/// A whole Brickyard server in the test process: an SQLite store in a temporary file, the mock executor behind a
/// gate, the operation engine, the REST service and libmicrohttpd on 127.0.0.1 with a kernel-chosen port.
///
/// The service's clock is fixed at `now`, so token times in tests are exact. Operation metrics are wired as
/// `brickyard serve` wires them.
final class TestServer: Sendable {
    struct Options: Sendable {
        var deviceSize: ByteCount = MockExecutor.defaultDeviceSize
        var maxInflightOperations = 8
        var connectionTimeoutSeconds = 60
        var maxHeldPolls = 512
    }

    static let adminKey = "admin-secret"
    static let userKey = "user-secret"

    let directory: TemporaryDirectory
    let store: SQLiteStore
    let executor: GatedExecutor
    let engine: OperationEngine
    let metrics: MetricsRegistry
    let service: RESTService
    let daemon: HTTPServerDaemon
    let now: Int64
    let port: UInt16
    /// The service logger's threshold (`POST /internal/logging` changes it); lines go nowhere.
    let logThreshold = LogThreshold(minimum: .info)

    init(_ options: Options = Options()) throws {
        self.directory = try TemporaryDirectory()
        self.store = try SQLiteStore(path: self.directory.path("brickyard.db"))
        self.executor = GatedExecutor(mock: MockExecutor(deviceSize: options.deviceSize))
        let metrics = MetricsRegistry()
        let operationsTotal = metrics.counter(
            "brickyard_operations_total", help: "Operations finished, by type and result.", labels: ["type", "result"])
        self.metrics = metrics
        self.engine = OperationEngine(
            store: self.store, executor: self.executor,
            settings: EngineSettings(maxInflightOperations: options.maxInflightOperations),
            onFinish: { type, status, _ in operationsTotal.increment(type.rawValue, status.rawValue) })
        let now = Int64(Date().timeIntervalSince1970)
        self.now = now
        self.service = RESTService(
            engine: self.engine,
            settings: RESTService.Settings(
                adminKey: Self.adminKey, userKey: Self.userKey, temporaryDirectory: self.directory.url.path,
                maxHeldPolls: options.maxHeldPolls),
            metrics: metrics, log: Logger(threshold: self.logThreshold, sink: LogSink { _ in }), now: { now })
        let service = self.service
        self.daemon = HTTPServerDaemon(
            configuration: HTTPServerConfiguration(
                host: "127.0.0.1", port: 0, connectionTimeoutSeconds: options.connectionTimeoutSeconds),
            handler: { await service.handle($0) })
        try self.daemon.start()
        guard let port = self.daemon.port else { throw FixtureError("the daemon reports no port after start()") }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(self.port)" }

    /// A client signing as admin.
    var admin: APIClient { APIClient(base: self.baseURL, role: .admin, now: self.now) }
    /// A client signing as user.
    var user: APIClient { APIClient(base: self.baseURL, role: .user, now: self.now) }

    /// Stops listening, lets every operation finish, and drops the store.
    func stop() async {
        self.executor.open()
        await self.daemon.stop()
        await self.engine.waitUntilIdle()
    }

    /// Runs `body` against a fresh server and stops it afterwards, whether `body` returned or threw.
    static func with<Value>(
        _ options: Options = Options(), _ body: (TestServer) async throws -> Value
    ) async throws -> Value {
        let server = try TestServer(options)
        do {
            let value = try await body(server)
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }
}

/// A test precondition that did not hold.
struct FixtureError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
