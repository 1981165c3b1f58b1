import Foundation
internal import HTTPTypes
import Synchronization

/// What libcurl's write and header callbacks fill in during one `curl_easy_perform`, reached through the
/// `CURLOPT_WRITEDATA`/`HEADERDATA`/`XFERINFODATA` pointer. Used only on the thread running the transfer.
///
/// With a `stream`, body bytes go to it as they arrive instead of being kept, and the end of the final response's
/// head is reported through `headEnded`.
final class ResponseCollector {
    private let limit: Int
    private let cancellation: CancellationFlag?
    let stream: ResponseChannel?
    /// Called at the blank line that ends a header block (the transfer decides whether it was the final one).
    var headEnded: (() -> Void)?
    private(set) var body = Data()
    private(set) var headers = HTTPHeaders()
    private(set) var exceededLimit = false

    init(limit: Int, cancellation: CancellationFlag?, stream: ResponseChannel? = nil) {
        self.limit = limit
        self.cancellation = cancellation
        self.stream = stream
    }

    /// Appends body bytes (or hands them to the stream); returns `false` to make libcurl abort once the limit is
    /// passed or the stream's reader has gone.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if let stream = self.stream {
            return stream.push(bytes)
        }
        guard self.body.count + bytes.count <= self.limit else {
            self.exceededLimit = true
            return false
        }
        self.body.append(contentsOf: bytes)
        return true
    }

    /// Takes one header line; a status line starts a new response, dropping 100 Continue and redirect headers.
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            self.headers = HTTPHeaders()
            return
        }
        if line.isEmpty {
            self.headEnded?()
            return
        }
        guard let colon = line.firstIndex(of: ":") else {
            return
        }
        let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        self.headers.add(name: name, value: value)
    }

    /// Whether the task that started the transfer was cancelled, polled by the progress callback.
    var isCancelled: Bool {
        self.cancellation?.isCancelled ?? false
    }
}

/// Set by a task's cancellation handler and read by libcurl's progress callback on the transfer thread.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isCancelled: Bool {
        self.flag.load(ordering: .acquiring)
    }

    func cancel() {
        self.flag.store(true, ordering: .releasing)
    }
}
