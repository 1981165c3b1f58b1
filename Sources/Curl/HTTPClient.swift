import CCurl
import Foundation
internal import HTTPTypes
import Synchronization

/// An HTTP client over libcurl, for the Kubernetes API and the command-line client.
///
/// Keeps a small pool of easy handles behind a `Mutex`, so sequential requests reuse keep-alive connections.
/// `perform` blocks; `send` runs the same transfer on a thread of its own, never on the cooperative pool, and aborts
/// it when the calling task is cancelled.
public final class HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    private let idleHandles = Mutex<[EasyHandle]>([])

    /// `curl_global_init` must run once before any other call and is not thread-safe: a static `let` gives both.
    private static let globalInitCode: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.configuration = configuration
    }

    /// The libcurl version and its TLS and compression libraries (`curl_version`), such as
    /// `libcurl/7.88.1 OpenSSL/3.0.x zlib/1.2.13`.
    public static var libraryVersion: String {
        _ = Self.globalInitCode
        return String(cString: curl_version())
    }

    /// Performs `request` on the calling thread and returns the response, whatever its status.
    ///
    /// For threads of one's own; async code uses `send`. Blocking a cooperative thread here can deadlock the
    /// process, for instance when the server answering is an `HTTPServerDaemon` whose handlers need that pool.
    public func perform(_ request: HTTPRequest) throws(CurlError) -> HTTPResponse {
        try self.perform(request, cancellation: nil)
    }

    /// Performs `request` on a new thread and resumes the caller with the response; cancelling the task aborts the
    /// transfer with `CurlError.Kind.cancelled`.
    ///
    /// A thread per transfer rather than a Dispatch queue: Dispatch on Linux runs about one worker per CPU and adds
    /// another only after a blocked one has stalled for a second, which made concurrent requests wait in turns.
    public func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
        let cancellation = CancellationFlag()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<HTTPResponse, CurlError>, Never>) in
                let thread = Thread {
                    continuation.resume(
                        returning: Result { () throws(CurlError) in
                            try self.perform(request, cancellation: cancellation)
                        })
                }
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try result.get()
    }

    /// Starts `request` on a thread of its own and returns once the response's head has arrived; the body is read
    /// from the result as it arrives. For long-lived responses (watches): `HTTPClientConfiguration.timeout` does not
    /// apply, the request's own `timeout` and `idleTimeout` do. Cancelling the calling task, or the body stream,
    /// aborts the transfer.
    public func stream(_ request: HTTPRequest, bufferedChunks: Int = 64) async throws(CurlError) -> StreamingResponse {
        let channel = ResponseChannel(capacity: bufferedChunks)
        let body = ResponseBodyStream(channel: channel)
        let thread = Thread {
            do throws(CurlError) {
                let response = try self.perform(request, cancellation: nil, stream: channel)
                channel.finish(.success(()), status: response.status, headers: response.headers)
            } catch {
                channel.finish(.failure(error), status: nil, headers: [:])
            }
        }
        thread.start()
        let head: Result<(status: Int, headers: HTTPHeaders), CurlError> = await withTaskCancellationHandler {
            do throws(CurlError) {
                return .success(try await channel.awaitHead())
            } catch {
                return .failure(error)
            }
        } onCancel: {
            channel.cancel()
        }
        let (status, headers) = try head.get()
        return StreamingResponse(status: status, headers: headers, body: body)
    }

    private func perform(
        _ request: HTTPRequest, cancellation: CancellationFlag?, stream: ResponseChannel? = nil
    ) throws(CurlError) -> HTTPResponse {
        guard Self.globalInitCode == CURLE_OK else {
            throw EasyHandle.error(Self.globalInitCode, function: "curl_global_init")
        }
        if cancellation?.isCancelled == true {
            throw EasyHandle.error(CURLE_ABORTED_BY_CALLBACK, function: "curl_easy_perform")
        }
        let handle: EasyHandle
        if let pooled = self.idleHandles.withLock({ $0.popLast() }) {
            handle = pooled
        } else {
            handle = try EasyHandle()
        }
        defer { self.checkIn(handle) }
        return try handle.transfer(request, configuration: self.configuration, cancellation: cancellation, stream: stream)
    }

    /// Returns a handle to the pool, or frees it (closing its connections) when the pool is full.
    private func checkIn(_ handle: EasyHandle) {
        self.idleHandles.withLock { idle in
            if idle.count < self.configuration.maxIdleHandles {
                idle.append(handle)
            }
        }
    }
}
