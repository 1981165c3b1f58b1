import Curl
import EventLog
import Executor
import Foundation
import HTTPServer
import Metrics
import Operations
import Planning
import RESTAPI
import StorageModel
import Store
import StoreRecords
import TestSupport

/// A whole Brickyard server in the test process: an SQLite store in a temporary file, the mock executor behind a
/// gate, the operation engine and the REST service. Clients call the service directly, as the HTTP layer would,
/// unless the test asks for a socket (`listens`): then libmicrohttpd serves it on 127.0.0.1 with a kernel-chosen port
/// and clients go over loopback (the suites that test the HTTP layer itself).
///
/// The service's clock is fixed at `now`, so token times in tests are exact. Operation metrics are wired as
/// `brickyard serve` wires them.
final class TestServer: Sendable {
    struct Options: Sendable {
        var deviceSize: ByteCount = MockExecutor.defaultDeviceSize
        var maxInflightOperations = 8
        var connectionTimeoutSeconds = 60
        /// Serve over a loopback socket instead of direct calls.
        var listens = false
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
    let daemon: HTTPServerDaemon?
    let now: Int64
    /// The loopback port; 0 when the server does not listen.
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
            settings: EngineSettings(
                maxInflightOperations: options.maxInflightOperations, mountRoot: BrickLocation.heketiMountRoot),
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
        guard options.listens else {
            self.daemon = nil
            self.port = 0
            return
        }
        let daemon = HTTPServerDaemon(
            configuration: HTTPServerConfiguration(
                host: "127.0.0.1", port: 0, connectionTimeoutSeconds: options.connectionTimeoutSeconds),
            handler: { await service.handle($0) })
        try daemon.start()
        guard let port = daemon.port else { throw FixtureError("the daemon reports no port after start()") }
        self.daemon = daemon
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(self.port)" }

    /// A client in `role`: over loopback when the server listens, otherwise straight to the service.
    func client(_ role: APIClient.Role) -> APIClient {
        APIClient(transport: self.daemon == nil ? .direct(self.service) : .loopback(self.baseURL), role: role, now: self.now)
    }

    /// A client signing as admin.
    var admin: APIClient { self.client(.admin) }
    /// A client signing as user.
    var user: APIClient { self.client(.user) }

    /// Stops listening, lets every operation finish, and drops the store.
    func stop() async {
        self.executor.open()
        await self.daemon?.stop()
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
