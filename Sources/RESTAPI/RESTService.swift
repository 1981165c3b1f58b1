import Authentication
public import EventLog
import Foundation
public import HTTPServer
import HTTPTypes
public import Metrics
public import Operations
public import HeketiAPI
public import StorageModel
import Store
import Synchronization

/// Answers Heketi's REST API: authenticates, applies the admin state, routes through `RouteTable`, and turns every
/// failure into one `APIError`. Reads come from store snapshots; every change goes through the `OperationEngine`.
public final class RESTService: Sendable {
    public struct Settings: Sendable {
        /// nil: authentication is off (`--disable-auth`).
        public var adminKey: String?
        public var userKey: String?
        public var authEnabled: Bool
        /// Where `GET /backup/db` writes its temporary copy.
        public var temporaryDirectory: String
        /// The most `GET /queue/{id}` polls held at once (`Prefer: wait`); later ones are answered at once. Half of
        /// libmicrohttpd's default connection limit, so waiting clients never take every connection.
        public var maxHeldPolls: Int

        public init(adminKey: String? = nil, userKey: String? = nil, authEnabled: Bool = true,
                    temporaryDirectory: String? = nil, maxHeldPolls: Int = 512) {
            self.adminKey = adminKey
            self.userKey = userKey
            self.authEnabled = authEnabled
            self.temporaryDirectory = temporaryDirectory ?? NSTemporaryDirectory()
            self.maxHeldPolls = maxHeldPolls
        }
    }

    let engine: OperationEngine
    let store: any ClusterStore
    let settings: Settings
    let verifier: JWTVerifier
    let metrics: MetricsRegistry
    let log: Logger
    let adminState = Mutex(AdminState.normal)
    let requestDuration: Histogram
    let now: @Sendable () -> Int64
    let renderedVolumes = RenderedResponses()
    let heldPolls = HeldPolls()
    /// Compares the store with what the nodes report; nil where there are no nodes to ask (the mock executor).
    let examiner: GlusterExaminer?

    /// Observes the nodes and compares them with a topology (`GET /internal/state/examine/gluster`).
    public typealias GlusterExaminer = @Sendable (Topology) async -> GlusterExaminationResponse

    public init(
        engine: OperationEngine, settings: Settings, metrics: MetricsRegistry, log: Logger = .discarding,
        now: (@Sendable () -> Int64)? = nil, examiner: GlusterExaminer? = nil
    ) {
        self.examiner = examiner
        self.engine = engine
        self.store = engine.store
        self.settings = settings
        self.verifier = JWTVerifier(adminKey: settings.adminKey, userKey: settings.userKey)
        self.metrics = metrics
        self.log = log
        self.now = now ?? { Int64(Date().timeIntervalSince1970) }
        self.requestDuration = metrics.histogram(
            "brickyard_http_request_duration_seconds", help: "REST request latency by route template and status.",
            labels: ["method", "route", "status"])
    }

    /// Drops response bodies rendered from an older topology (the server calls it when an operation ends, so
    /// they do not outlive their use).
    public func dropRenderedResponses() {
        self.renderedVolumes.removeAll()
    }

    /// `GET /queue/{id}` polls being held now.
    public var heldPollCount: Int { self.heldPolls.current }

    /// Answers every held `GET /queue/{id}` poll now, and every later one at once: called when the server stops, so
    /// draining does not wait out the polls' time.
    public func releaseHeldPolls() {
        self.engine.releaseWaiters()
    }

    /// The server's handler.
    public func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        let started = ContinuousClock.now
        var template = "unmatched"
        let response: HTTPServerResponse
        do throws(APIError) {
            response = try await self.respond(to: request, template: &template)
        } catch {
            response = error.response
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        self.requestDuration.observe(seconds, request.method, template, String(response.status))
        let level: Logger.Level = response.status >= 500 ? .warning : (request.method == "GET" ? .debug : .info)
        self.log.log(
            level, "http_request",
            [("method", request.method), ("path", request.path), ("status", response.status),
             ("ms", Int(elapsed / .microseconds(1)) / 1000), ("remote", request.remoteAddress ?? "")])
        return response
    }

    private func respond(to request: HTTPServerRequest, template: inout String) async throws(APIError)
        -> HTTPServerResponse
    {
        let route: Route
        switch RouteTable.resolve(method: request.method, path: request.path) {
        case .route(let found):
            route = found
        case .invalidID:
            // An id that is not 32 hex characters names nothing: the same answer as an unknown id.
            template = "invalid_id"
            try self.authenticate(request)
            throw APIError.idNotFound
        case .methodNotAllowed(let allowed):
            // Heketi authenticates before it routes: without a valid token, every path but the public ones is 401.
            try self.authenticate(request)
            throw APIError(
                status: 405, message: "method \(request.method) not allowed on \(request.path)",
                headers: [("Allow", allowed.joined(separator: ", "))])
        case .notFound:
            try self.authenticate(request)
            throw APIError(status: 404, message: "no such endpoint: \(request.method) \(request.path)")
        }
        template = route.template
        if !route.isPublic {
            try self.authenticate(request)
            try self.checkAdminState(request, route: route)
        }
        return try await self.dispatch(route, request)
    }

    private func authenticate(_ request: HTTPServerRequest) throws(APIError) {
        guard self.settings.authEnabled else { return }
        do throws(AuthenticationError) {
            let role = try self.verifier.verify(
                authorization: request.headers["Authorization"], method: request.method, path: request.path,
                now: self.now())
            try AccessPolicy.authorize(role: role, method: request.method, path: request.path)
        } catch {
            throw APIError(status: error.httpStatus, message: error.description)
        }
    }

    private func checkAdminState(_ request: HTTPServerRequest, route: Route) throws(APIError) {
        let state = self.adminState.withLock { $0 }
        switch state {
        case .normal:
            return
        case .readOnly:
            guard request.method == "GET" || route == .adminStateSet else {
                throw APIError(status: 503, message: "server is in read-only mode; changes are refused")
            }
        case .localClient:
            guard Self.isLoopback(request.remoteAddress) else {
                throw APIError(status: 503, message: "server accepts requests from local clients only")
            }
        }
    }

    static func isLoopback(_ address: String?) -> Bool {
        guard let address else { return false }
        return address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
