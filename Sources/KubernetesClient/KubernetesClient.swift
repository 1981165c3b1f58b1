import Curl
public import Foundation
internal import HTTPTypes
public import KubernetesAPI

/// The Kubernetes API over libcurl: sends what `APIRequest` builds to the endpoint a kubeconfig or the pod's
/// service account gives, with its credentials, behind a client-side rate limit and with a timeout on every call.
/// Answers other than 2xx become `KubernetesError.status` with the server's `Status`.
public final class KubernetesClient: Sendable {
    public struct Settings: Sendable {
        /// Requests a second after the burst, and the burst (client-go's defaults are 5 and 10; a controller that
        /// writes status for many objects wants more).
        public var qps: Double
        public var burst: Int
        /// The limit on every call but watches.
        public var requestTimeout: Duration
        /// How long a watch may stay silent (no event, no bookmark) before it is taken for dead.
        public var watchIdleTimeout: Duration
        public var userAgent: String

        public init(
            qps: Double = 50, burst: Int = 100, requestTimeout: Duration = .seconds(30),
            watchIdleTimeout: Duration = .seconds(90), userAgent: String = "brickyard"
        ) {
            self.qps = qps
            self.burst = burst
            self.requestTimeout = requestTimeout
            self.watchIdleTimeout = watchIdleTimeout
            self.userAgent = userAgent
        }
    }

    public let endpoint: KubeEndpoint
    public let settings: Settings
    private let http: HTTPClient
    private let limiter: RequestRateLimiter
    private let token: BearerTokenSource?
    private let counter = RequestCounter()

    public init(endpoint: KubeEndpoint, settings: Settings = Settings()) {
        self.endpoint = endpoint
        self.settings = settings
        var configuration = HTTPClientConfiguration(
            insecureSkipTLSVerify: endpoint.insecureSkipTLSVerify, timeout: settings.requestTimeout,
            userAgent: settings.userAgent)
        configuration.caCertificates = endpoint.certificateAuthority.map(Self.pem)
        switch endpoint.credentials {
        case .none:
            self.token = nil
        case .bearerToken(let token):
            self.token = BearerTokenSource(token: token)
        case .tokenFile(let file):
            self.token = BearerTokenSource(file: file)
        case .clientCertificate(let certificate, let key):
            self.token = nil
            configuration.clientCertificate = Self.pem(certificate)
            configuration.clientKey = Self.pem(key)
        }
        self.http = HTTPClient(configuration: configuration)
        self.limiter = RequestRateLimiter(qps: settings.qps, burst: settings.burst)
    }

    /// Requests sent so far, by method: what a reconcile cost.
    public var requestCounts: [String: Int] { self.counter.counts }

    /// The namespace of the kubeconfig context or the pod.
    public var namespace: String { self.endpoint.namespace }

    /// Sends `request` and returns the body of a 2xx answer.
    @discardableResult
    public func send(_ request: APIRequest) async throws(KubernetesError) -> Data {
        let response: HTTPResponse
        do {
            response = try await self.http.send(try await self.prepare(request, timeout: self.settings.requestTimeout))
        } catch let error as CurlError {
            throw .transport(error)
        } catch let error as KubernetesError {
            throw error
        } catch {
            throw .malformed("\(error)")
        }
        guard (200..<300).contains(response.status) else {
            throw .status(APIStatus.decode(code: response.status, body: [UInt8](response.body)))
        }
        return response.body
    }

    /// The object, or nil when there is none.
    public func get(_ kind: ResourceKind, _ name: String, namespace: String?) async throws(KubernetesError) -> Data? {
        do {
            return try await self.send(.get(kind, name, namespace: namespace))
        } catch where error.isNotFound {
            return nil
        }
    }

    /// Every object of a kind, read in pages of `pageSize`, and the version to watch from.
    public func list(
        _ kind: ResourceKind, namespace: String?, labelSelector: String? = nil, pageSize: Int = 500
    ) async throws(KubernetesError) -> (items: [Data], resourceVersion: String) {
        var items: [Data] = []
        var token: String?
        var version = ""
        repeat {
            let body = try await self.send(
                .list(kind, namespace: namespace, limit: pageSize, continue: token, labelSelector: labelSelector))
            let page: ListPage
            do throws(WatchDecodingError) {
                page = try ListPage.decode([UInt8](body))
            } catch {
                throw .malformed(error.description)
            }
            items += page.items
            // The first page's version is the list's snapshot; later pages are of the same snapshot.
            if version.isEmpty { version = page.resourceVersion }
            token = page.continueToken
        } while token != nil
        return (items, version)
    }

    /// Reads the object, lets `change` rewrite it, and writes it back with its resource version; when someone
    /// wrote in between (409 Conflict) it reads again and retries, up to `attempts` times. `change` returning nil
    /// means nothing to write. Returns the object as written (or as read, when nothing was written).
    @discardableResult
    public func update(
        _ kind: ResourceKind, _ name: String, namespace: String?, subresource: String? = nil, attempts: Int = 5,
        _ change: (Data) throws(KubernetesError) -> Data?
    ) async throws(KubernetesError) -> Data? {
        var attempt = 0
        while true {
            attempt += 1
            guard let current = try await self.get(kind, name, namespace: namespace) else { return nil }
            guard let changed = try change(current) else { return current }
            do {
                return try await self.send(
                    .update(kind, name, namespace: namespace, subresource: subresource, body: [UInt8](changed)))
            } catch where error.isConflict && attempt < attempts {
                continue
            }
        }
    }

    /// Opens a watch from `resourceVersion`; its events are read as the server sends them.
    public func watch(
        _ kind: ResourceKind, namespace: String?, resourceVersion: String, timeoutSeconds: Int = 300,
        labelSelector: String? = nil
    ) async throws(KubernetesError) -> WatchSession {
        let request = APIRequest.watch(
            kind, namespace: namespace, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
            labelSelector: labelSelector)
        let response: StreamingResponse
        do {
            var prepared = try await self.prepare(request, timeout: .seconds(timeoutSeconds + 30))
            prepared.idleTimeout = self.settings.watchIdleTimeout
            response = try await self.http.stream(prepared)
        } catch let error as CurlError {
            throw .transport(error)
        } catch let error as KubernetesError {
            throw error
        } catch {
            throw .malformed("\(error)")
        }
        guard response.status == 200 else {
            let body = (try? await response.body.collect()) ?? []
            throw .status(APIStatus.decode(code: response.status, body: body))
        }
        return WatchSession(body: response.body)
    }

    /// The HTTP request for `request`: the server's URL, the credentials, after the rate limit allows it.
    private func prepare(_ request: APIRequest, timeout: Duration) async throws(KubernetesError) -> HTTPRequest {
        await self.limiter.acquire()
        self.counter.count(request.method)
        var headers = HTTPHeaders()
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            headers.add(name: name, value: value)
        }
        if let token = try self.token?.token(), !token.isEmpty {
            headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        let server = self.endpoint.server.hasSuffix("/") ? String(self.endpoint.server.dropLast()) : self.endpoint.server
        return HTTPRequest(
            method: request.method, url: server + request.target, headers: headers, body: request.body.map { Data($0) },
            timeout: timeout)
    }

    private static func pem(_ source: CertificateSource) -> HTTPClientConfiguration.PEM {
        switch source {
        case .file(let path): .file(path)
        case .data(let bytes): .data(bytes)
        }
    }
}
