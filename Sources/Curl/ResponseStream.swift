import Foundation
public import HTTPTypes

/// A response whose body is read as it arrives: the head (status and header fields) first, then the body chunk by
/// chunk. A Kubernetes watch is such a response: it lasts minutes and carries one event per line, so it is never
/// buffered whole.
public struct StreamingResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: ResponseBodyStream
}

/// The body of a `StreamingResponse`: chunks in the order libcurl received them. The transfer thread blocks when
/// `bufferedChunks` are waiting unread, so a slow reader slows the transfer instead of growing memory.
///
/// Ending the iteration early (or cancelling the task that iterates) should be followed by `cancel()`, which aborts
/// the transfer; a stream dropped unread is cancelled when it is deinitialised.
public final class ResponseBodyStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public typealias Failure = CurlError

    let channel: ResponseChannel

    init(channel: ResponseChannel) {
        self.channel = channel
    }

    deinit {
        self.channel.cancel()
    }

    /// Aborts the transfer; waiting readers get `CurlError.Kind.cancelled`.
    public func cancel() {
        self.channel.cancel()
    }

    /// The next chunk, or nil once the body has ended; throws what ended the transfer early.
    public func next() async throws(CurlError) -> [UInt8]? {
        try await self.channel.next()
    }

    /// The rest of the body, joined (for a short error body after the head said something went wrong).
    public func collect(limit: Int = 1 << 20) async throws(CurlError) -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = try await self.next() {
            bytes += chunk
            if bytes.count > limit {
                self.cancel()
                break
            }
        }
        return bytes
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: ResponseBodyStream

        public mutating func next() async throws(CurlError) -> [UInt8]? {
            try await self.stream.next()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(CurlError) -> [UInt8]? {
            try await self.stream.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: self)
    }
}
