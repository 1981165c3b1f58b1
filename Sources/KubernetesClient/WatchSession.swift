import Curl
public import KubernetesAPI

/// One open watch: its events in order, decoded line by line as the body's chunks arrive. Ends (nil) when the
/// server closes the watch (its `timeoutSeconds`); throws when the connection breaks or a line is not an event.
public final class WatchSession: Sendable {
    private let body: ResponseBodyStream
    private let decoder: DecoderState

    init(body: ResponseBodyStream) {
        self.body = body
        self.decoder = DecoderState()
    }

    /// Closes the watch.
    public func cancel() {
        self.body.cancel()
    }

    /// The next event, or nil at the end of the watch.
    public func next() async throws(KubernetesError) -> WatchEvent? {
        while true {
            if let event = self.decoder.pop() { return event }
            let chunk: [UInt8]?
            do throws(CurlError) {
                chunk = try await self.body.next()
            } catch {
                throw .transport(error)
            }
            guard let chunk else {
                guard !self.decoder.hasPartialEvent else { throw .malformed("the watch ended in the middle of an event") }
                return nil
            }
            try self.decoder.feed(chunk)
        }
    }
}

import Synchronization

/// The decoder and the events it completed but `next()` has not returned yet. One reader at a time uses a
/// session; the lock only makes that safe to state.
private final class DecoderState: Sendable {
    private struct State {
        var decoder = WatchStreamDecoder()
        var ready: [WatchEvent] = []
    }

    private let state = Mutex(State())

    func pop() -> WatchEvent? {
        self.state.withLock { $0.ready.isEmpty ? nil : $0.ready.removeFirst() }
    }

    var hasPartialEvent: Bool { self.state.withLock { $0.decoder.hasPartialEvent } }

    func feed(_ chunk: [UInt8]) throws(KubernetesError) {
        try self.state.withLock { (state) throws(KubernetesError) in
            do throws(WatchDecodingError) {
                state.ready += try state.decoder.feed(chunk)
            } catch {
                throw .malformed(error.description)
            }
        }
    }
}
