import HTTPServer
import Synchronization
import HTTPTypes
import KubernetesAPI

/// Serving a watch: replay from the asked version (or every object as ADDED from 0), then live changes, with
/// bookmarks, until `timeoutSeconds`; a compacted version is 410 Gone as an `ERROR` event or an HTTP status.
extension FakeAPICore {
    private enum Start {
        case stream(AsyncStream<[UInt8]>, AsyncStream<[UInt8]>.Continuation, id: Int, kind: String)
        case gone(FakeAPIError)
    }

    func watch(_ request: HTTPServerRequest, _ route: FakeAPIRoute) -> HTTPServerResponse {
        let selector: LabelSelector?
        do throws(FakeAPIError) {
            selector = try Self.selector(request)
        } catch {
            return Self.error(error)
        }
        let version = request.queryValue("resourceVersion").flatMap { Int($0) } ?? 0
        let timeout = request.queryValue("timeoutSeconds").flatMap { Int($0) } ?? 1800
        let bookmarks = request.queryValue("allowWatchBookmarks") == "true"
        let filter = WatchHub.Filter(resource: route.resource, namespace: route.namespace, selector: selector)
        let start = self.state.withLock { state -> Start in
            let replay: [(type: String, object: JSONValue)]
            if version == 0 {
                replay = state.store.objects(route.resource, namespace: route.namespace)
                    .filter { selector?.matches($0.value) ?? true }
                    .map { (type: "ADDED", object: $0.value) }
            } else {
                do throws(FakeAPIError) {
                    replay = try state.store.changes(after: version).compactMap { filter.event(for: $0) }
                } catch {
                    return .gone(error)
                }
            }
            let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            replay.forEach { continuation.yield(WatchHub.line($0.type, $0.object)) }
            let id = state.hub.add(filter, continuation)
            return .stream(stream, continuation, id: id, kind: state.store.kinds[route.resource]?.name ?? "")
        }
        switch start {
        case .gone(let error):
            if self.options.goneAsHTTPStatus {
                return Self.error(error)
            }
            let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            continuation.yield(WatchHub.line("ERROR", error.body))
            continuation.finish()
            return .streaming(headers: ["Content-Type": "application/json"], stream)
        case .stream(let stream, let continuation, let id, let kind):
            let ticker = self.tick(id, kind: kind, continuation, timeout: .seconds(timeout), bookmarks: bookmarks)
            continuation.onTermination = { [self] _ in
                ticker.cancel()
                self.state.withLock { $0.hub.remove(id) }
            }
            // Dropped between registering and here, the stream would never run the handler: an empty chunk
            // (never written) probes it.
            if case .terminated = continuation.yield([]) {
                ticker.cancel()
            }
            return .streaming(headers: ["Content-Type": "application/json"], stream)
        }
    }

    /// Sends bookmarks every `bookmarkInterval` when allowed, and ends the watch after `timeout`.
    private func tick(
        _ id: Int, kind: String, _ continuation: AsyncStream<[UInt8]>.Continuation, timeout: Duration, bookmarks: Bool
    ) -> Task<Void, Never> {
        let interval = self.options.bookmarkInterval
        return Task { [self] in
            let deadline = ContinuousClock.now + timeout
            while !Task.isCancelled {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { break }
                try? await Task.sleep(for: bookmarks ? min(interval, left) : left)
                guard !Task.isCancelled, ContinuousClock.now < deadline else { break }
                if bookmarks {
                    self.state.withLock { $0.hub.bookmark(id, revision: $0.store.revision, kind: kind) }
                }
            }
            continuation.finish()
        }
    }
}
