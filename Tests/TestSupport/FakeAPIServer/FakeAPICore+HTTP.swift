import HTTPServer
import Synchronization
import HTTPTypes
import KubernetesAPI

/// Serving one HTTP request: the bearer token, injected faults, the route, the verb, the log.
extension FakeAPICore {
    func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        let kinds = self.state.withLock { Array($0.store.kinds.keys) }
        let route = FakeAPIRoute(path: request.path, kinds: kinds)
        let verb = Self.verb(request, route)
        let fault = self.state.withLock { state in
            state.log.count(verb)
            return (state.faults.take(method: request.method, path: request.path), state.faults.generation)
        }
        if let token = self.options.bearerToken, request.headers["Authorization"] != "Bearer \(token)" {
            return Self.error(.unauthorized)
        }
        switch fault.0 {
        case .status(let code)?:
            return Self.error(FakeAPIError(code, Self.reason(code), "injected fault"))
        case .delay(let duration)?:
            try? await Task.sleep(for: duration)
        case .hang?:
            await withCheckedContinuation { continuation in
                let held = self.state.withLock { $0.faults.hold(continuation, generation: fault.1) }
                if !held { continuation.resume() }
            }
        case nil:
            break
        }
        guard let route else { return Self.error(.pageNotFound) }
        if verb == "watch" {
            return self.watch(request, route)
        }
        do throws(FakeAPIError) {
            let (status, object, changed) = try self.serve(request, route, verb: verb)
            if changed {
                self.state.withLock { state in
                    state.log.record(
                        FakeAPIWrite(
                            method: request.method, path: request.path, verb: verb,
                            userAgent: request.headers["User-Agent"], status: status,
                            resourceVersion: String(state.store.revision)))
                }
            }
            return Self.json(object, status: status)
        } catch {
            return Self.error(error)
        }
    }

    /// The answer to a request that is not a watch: status, body, and whether it changed anything.
    private func serve(
        _ request: HTTPServerRequest, _ route: FakeAPIRoute, verb: String
    ) throws(FakeAPIError) -> (Int, JSONValue, Bool) {
        let resource = route.resource
        switch (verb, route.name) {
        case ("get", let name?):
            guard route.subresource == nil || route.subresource == "status" else { throw FakeAPIError.pageNotFound }
            let key = FakeObjectStore.Key(namespace: route.namespace ?? "", name: name)
            guard let object = try self.read({ $0.object(resource, key) }) else {
                throw FakeAPIError.notFound(resource, name)
            }
            return (200, object, false)
        case ("list", nil):
            return (200, try self.list(request, route), false)
        case ("create", nil):
            let body = try Self.body(request)
            let written = try self.write { store throws(FakeAPIError) in
                try store.create(resource, namespace: route.namespace, body: body)
            }
            return (201, written.object, written.change != nil)
        case ("update", let name?):
            let body = try Self.body(request)
            let written = try self.write { store throws(FakeAPIError) in
                try store.update(
                    resource, namespace: route.namespace, name: name, body: body, subresource: route.subresource)
            }
            return (200, written.object, written.change != nil)
        case ("patch", let name?):
            let type = request.headers["Content-Type"]?.split(separator: ";").first.map(String.init) ?? ""
            guard type == "application/merge-patch+json" else {
                throw FakeAPIError(415, "UnsupportedMediaType", "the body of the request was in an unknown format")
            }
            let body = try Self.body(request)
            let written = try self.write { store throws(FakeAPIError) in
                try store.patch(
                    resource, namespace: route.namespace, name: name, patch: body, subresource: route.subresource)
            }
            return (200, written.object, written.change != nil)
        case ("delete", let name?):
            guard route.subresource == nil else { throw FakeAPIError.methodNotAllowed }
            let options = request.body.isEmpty ? JSONValue.object([:]) : try Self.body(request)
            let preconditions = options["preconditions"]
            let written = try self.write { store throws(FakeAPIError) in
                try store.delete(
                    resource, namespace: route.namespace, name: name, uid: preconditions?["uid"]?.stringValue,
                    resourceVersion: preconditions?["resourceVersion"]?.stringValue)
            }
            return (200, written.object, written.change != nil)
        default:
            throw FakeAPIError.methodNotAllowed
        }
    }

    private func list(_ request: HTTPServerRequest, _ route: FakeAPIRoute) throws(FakeAPIError) -> JSONValue {
        let selector = try Self.selector(request)
        let limit = request.queryValue("limit").flatMap { Int($0) }
        let token = request.queryValue("continue")
        return try self.read { store throws(FakeAPIError) in
            let page = try store.list(
                route.resource, namespace: route.namespace, selector: selector, limit: limit, continue: token)
            var metadata: [String: JSONValue] = ["resourceVersion": .string(String(store.revision))]
            if let next = page.continueToken { metadata["continue"] = .string(next) }
            let kind = try store.kind(route.resource)
            return .object([
                "kind": .string(kind.name + "List"), "apiVersion": .string(route.resource.apiVersion),
                "metadata": .object(metadata), "items": .array(page.items),
            ])
        }
    }

    static func selector(_ request: HTTPServerRequest) throws(FakeAPIError) -> LabelSelector? {
        guard let text = request.queryValue("labelSelector"), !text.isEmpty else { return nil }
        guard let selector = LabelSelector(text) else {
            throw FakeAPIError.badRequest("unable to parse requirement: \(text)")
        }
        return selector
    }

    /// The verb kube-apiserver's audit log would name.
    static func verb(_ request: HTTPServerRequest, _ route: FakeAPIRoute?) -> String {
        switch request.method {
        case "GET":
            if let watch = request.queryValue("watch"), watch == "1" || watch == "true" { return "watch" }
            return route?.name == nil ? "list" : "get"
        case "POST": return "create"
        case "PUT": return "update"
        case "PATCH": return "patch"
        case "DELETE": return "delete"
        default: return request.method.lowercased()
        }
    }

    private static func body(_ request: HTTPServerRequest) throws(FakeAPIError) -> JSONValue {
        guard let value = JSONValue.parse(request.body) else {
            throw FakeAPIError.badRequest("the body of the request is not valid JSON")
        }
        return value
    }

    private static func reason(_ code: Int) -> String {
        switch code {
        case 429: "TooManyRequests"
        case 500: "InternalError"
        case 503: "ServiceUnavailable"
        case 504: "Timeout"
        default: ""
        }
    }

    static func json(_ value: JSONValue, status: Int) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: ["Content-Type": "application/json"], body: value.bytes)
    }

    static func error(_ error: FakeAPIError) -> HTTPServerResponse {
        Self.json(error.body, status: error.status.code)
    }
}
