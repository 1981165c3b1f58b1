import Foundation
internal import HTTPTypes
import Synchronization

/// What libcurl's write and header callbacks fill in during one `curl_easy_perform`, reached through the
/// `CURLOPT_WRITEDATA`/`HEADERDATA`/`XFERINFODATA` pointer. Used only on the thread running the transfer.
final class ResponseCollector {
    private let limit: Int
    private let cancellation: CancellationFlag?
    private(set) var body = Data()
    private(set) var headers = HTTPHeaders()
    private(set) var exceededLimit = false

    init(limit: Int, cancellation: CancellationFlag?) {
        self.limit = limit
        self.cancellation = cancellation
    }

    /// Appends body bytes; returns `false` to make libcurl abort once the limit is passed.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
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
