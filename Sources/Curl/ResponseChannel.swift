import CCurl
import Foundation
internal import HTTPTypes

/// Hands a streaming transfer's head and body chunks from the thread running libcurl to the async reader.
///
/// One `NSCondition` owns every field: the transfer thread waits on it when the buffer is full (that thread is the
/// transfer's own, so blocking it is what backpressure means), and the reader registers its continuation under it,
/// so a chunk is never pushed between a reader's check and its suspension.
final class ResponseChannel: @unchecked Sendable {
    private struct Head {
        var status: Int
        var headers: HTTPHeaders
    }

    private let condition = NSCondition()
    private let capacity: Int
    /// Set by `cancel()`; libcurl's progress callback reads it and aborts the transfer.
    let cancellation = CancellationFlag()

    private var head: Head?
    private var headWaiter: CheckedContinuation<Result<Head, CurlError>, Never>?
    private var chunks: [[UInt8]] = []
    private var chunkWaiter: CheckedContinuation<Result<[UInt8]?, CurlError>, Never>?
    /// How the transfer ended: nil while it runs.
    private var outcome: Result<Void, CurlError>?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    // MARK: The transfer thread

    /// The head is complete (the blank line after the final response's header fields). Later calls are ignored.
    func publishHead(status: Int, headers: HTTPHeaders) {
        self.condition.lock()
        defer { self.condition.unlock() }
        guard self.head == nil else { return }
        let head = Head(status: status, headers: headers)
        self.head = head
        self.headWaiter?.resume(returning: .success(head))
        self.headWaiter = nil
    }

    /// Queues a chunk, waiting while the buffer is full; false once the reader cancelled (libcurl then aborts).
    func push(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let chunk = [UInt8](bytes)
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.chunks.count >= self.capacity && !self.cancellation.isCancelled {
            self.condition.wait()
        }
        guard !self.cancellation.isCancelled else { return false }
        if let waiter = self.chunkWaiter {
            self.chunkWaiter = nil
            waiter.resume(returning: .success(chunk))
        } else {
            self.chunks.append(chunk)
        }
        return true
    }

    /// The transfer is over. `status` is the response code libcurl recorded, for a response that ended without
    /// a head having been published (no header fields at all).
    func finish(_ outcome: Result<Void, CurlError>, status: Int?, headers: HTTPHeaders) {
        self.condition.lock()
        defer { self.condition.unlock() }
        // A reader that cancelled ended the transfer however libcurl words it (a write refused, or the progress
        // callback's abort): the reader hears of its own cancellation.
        let outcome = self.cancellation.isCancelled ? .failure(Self.cancelled) : outcome
        self.outcome = outcome
        if self.head == nil, let waiter = self.headWaiter {
            self.headWaiter = nil
            switch outcome {
            case .failure(let error): waiter.resume(returning: .failure(error))
            case .success:
                let head = Head(status: status ?? 0, headers: headers)
                self.head = head
                waiter.resume(returning: .success(head))
            }
        } else if self.head == nil, case .success = outcome {
            self.head = Head(status: status ?? 0, headers: headers)
        }
        if let waiter = self.chunkWaiter, self.chunks.isEmpty {
            self.chunkWaiter = nil
            waiter.resume(returning: outcome.map { nil })
        }
    }

    // MARK: The reader

    /// Waits for the head; throws when the transfer failed before it.
    func awaitHead() async throws(CurlError) -> (status: Int, headers: HTTPHeaders) {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Head, CurlError>, Never>) in
            self.condition.lock()
            defer { self.condition.unlock() }
            if let head = self.head {
                continuation.resume(returning: .success(head))
            } else if case .failure(let error) = self.outcome {
                continuation.resume(returning: .failure(error))
            } else {
                self.headWaiter = continuation
            }
        }
        let head = try result.get()
        return (head.status, head.headers)
    }

    func next() async throws(CurlError) -> [UInt8]? {
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<[UInt8]?, CurlError>, Never>) in
                self.condition.lock()
                defer { self.condition.unlock() }
                if !self.chunks.isEmpty {
                    continuation.resume(returning: .success(self.chunks.removeFirst()))
                    self.condition.broadcast()
                } else if let outcome = self.outcome {
                    continuation.resume(returning: outcome.map { nil })
                } else if self.cancellation.isCancelled {
                    continuation.resume(returning: .failure(Self.cancelled))
                } else {
                    self.chunkWaiter = continuation
                }
            }
        } onCancel: {
            self.cancel()
        }
        return try result.get()
    }

    /// Stops the transfer: the transfer thread stops waiting for room, and a waiting reader is told.
    func cancel() {
        self.condition.lock()
        defer { self.condition.unlock() }
        self.cancellation.cancel()
        self.condition.broadcast()
        if let waiter = self.chunkWaiter {
            self.chunkWaiter = nil
            waiter.resume(returning: .failure(Self.cancelled))
        }
        if let waiter = self.headWaiter {
            self.headWaiter = nil
            waiter.resume(returning: .failure(Self.cancelled))
        }
    }

    private static var cancelled: CurlError {
        EasyHandle.error(CURLE_ABORTED_BY_CALLBACK, function: "curl_easy_perform")
    }
}
