import CMicroHTTPD
import Synchronization

/// The body of one streaming response while libmicrohttpd sends it: a task pumps the handler's `AsyncStream` into a
/// buffer, and libmicrohttpd's content reader (`MHD_create_response_from_callback`) takes bytes from that buffer.
///
/// The content reader runs on a polling thread and must never wait: with nothing buffered it suspends the
/// connection (`MHD_suspend_connection`) and returns 0, as `microhttpd.h` prescribes, and the pump resumes it
/// (`MHD_resume_connection`) when bytes or the end arrive. Both calls happen under the lock, so a resume can never
/// overtake the suspend it answers. The lock is never held while waiting on libmicrohttpd: its calls only take the
/// daemon's own short-lived mutex, and libmicrohttpd never holds that mutex while calling the reader.
///
/// Cancelling the pump is how the producer hears that nobody reads any more: the `AsyncStream` iterator ends on
/// cancellation and runs the stream's `onTermination`. That happens when libmicrohttpd frees the response (the
/// client went away or the response completed) and when the server stops (`finish()`).
final class StreamingBody: Sendable {
    private struct State {
        var buffered: [UInt8] = []
        var ended = false
        var suspended = false
        var pump: Task<Void, Never>?
    }

    /// The connection, touched only under the lock; libmicrohttpd allows resume from any thread.
    private let connection: SuspendedConnection
    /// Told when the body is released, so `stop()` finishes only streams still open.
    private let core: HTTPServerCore
    private let state = Mutex(State())

    init(connection: OpaquePointer, core: HTTPServerCore) {
        self.connection = SuspendedConnection(pointer: connection)
        self.core = core
    }

    /// Starts pumping `stream` into the buffer.
    func start(_ stream: AsyncStream<[UInt8]>) {
        let pump = Task { [self] in
            for await chunk in stream where !chunk.isEmpty {
                self.append(chunk)
            }
            self.end()
        }
        let alreadyEnded = self.state.withLock { state in
            guard !state.ended else {
                return true
            }
            state.pump = pump
            return false
        }
        if alreadyEnded {
            pump.cancel()
        }
    }

    /// The content reader: copies up to `capacity` buffered bytes into `destination`; at the end
    /// `MHD_CONTENT_READER_END_OF_STREAM` (-1); with nothing buffered, suspends the connection and returns 0.
    func read(into destination: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        self.state.withLock { state in
            guard state.buffered.isEmpty else {
                let count = min(capacity, state.buffered.count)
                state.buffered.withUnsafeBytes { bytes in
                    UnsafeMutableRawPointer(destination).copyMemory(from: bytes.baseAddress!, byteCount: count)
                }
                state.buffered.removeFirst(count)
                return count
            }
            guard !state.ended else {
                return Self.endOfStream
            }
            state.suspended = true
            MHD_suspend_connection(self.connection.pointer)
            return 0
        }
    }

    /// Ends the stream from the server's side (it is stopping): the producer is cancelled and what is buffered is
    /// still sent before the end.
    func finish() {
        self.end()
    }

    /// libmicrohttpd freed the response (`MHD_ContentReaderFreeCallback`): sent, or abandoned by the client. The
    /// connection is gone or done, so it is not resumed.
    func released() {
        let pump = self.state.withLock { state in
            state.ended = true
            state.suspended = false
            state.buffered = []
            defer { state.pump = nil }
            return state.pump
        }
        pump?.cancel()
        self.core.streamClosed(self)
    }

    private func append(_ chunk: [UInt8]) {
        self.state.withLock { state in
            guard !state.ended else {
                return
            }
            state.buffered += chunk
            self.resumeIfSuspended(&state)
        }
    }

    private func end() {
        let pump = self.state.withLock { state in
            state.ended = true
            self.resumeIfSuspended(&state)
            defer { state.pump = nil }
            return state.pump
        }
        pump?.cancel()
    }

    private func resumeIfSuspended(_ state: inout State) {
        guard state.suspended else {
            return
        }
        state.suspended = false
        MHD_resume_connection(self.connection.pointer)
    }

    /// `MHD_CONTENT_READER_END_OF_STREAM`, a cast macro Swift does not import.
    static let endOfStream = -1
    /// `MHD_CONTENT_READER_END_WITH_ERROR`: closes the connection without a proper end.
    static let endWithError = -2
    /// `MHD_SIZE_UNKNOWN` (`UINT64_MAX`): the length is not known, so libmicrohttpd sends the body chunked.
    static let unknownSize = UInt64.max
    /// How much libmicrohttpd asks of the reader at once.
    static let blockSize = 16 << 10
}
