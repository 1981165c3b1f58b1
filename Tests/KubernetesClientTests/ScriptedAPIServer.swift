import Foundation
import HTTPServer
import HTTPTypes
import Synchronization

/// An HTTP server answering each request with what a script says, recording what it was asked: enough to pin the
/// client's side of list, watch (a watch body that ends), conflicts, credentials and rate limits without a whole
/// fake API server.
final class ScriptedAPIServer: Sendable {
    struct Seen: Sendable {
        var method: String
        var path: String
        var query: String
        var authorization: String?
        var body: [UInt8]
    }

    private final class Log: Sendable {
        let entries = Mutex<[Seen]>([])
    }

    private let seen = Log()
    private let daemon: HTTPServerDaemon
    let base: String

    init(_ answer: @escaping @Sendable (Seen, Int) -> HTTPServerResponse) throws {
        let seen = self.seen
        self.daemon = HTTPServerDaemon { request in
            let entry = Seen(
                method: request.method, path: request.path, query: request.rawQuery,
                authorization: request.headers["authorization"], body: request.body)
            let index = seen.entries.withLock { list in
                list.append(entry)
                return list.count - 1
            }
            return answer(entry, index)
        }
        try self.daemon.start()
        self.base = "http://127.0.0.1:\(self.daemon.port ?? 0)"
    }

    var requests: [Seen] { self.seen.entries.withLock { $0 } }

    func stop() async { await self.daemon.stop() }

    static func json(_ text: String, status: Int = 200) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(text.utf8))
    }

    static func status(_ code: Int, _ reason: String, _ message: String) -> HTTPServerResponse {
        Self.json(
            #"{"kind":"Status","apiVersion":"v1","status":"Failure","code":\#(code),"reason":"\#(reason)","message":"\#(message)"}"#,
            status: code)
    }

    static func object(_ name: String, version: Int, namespace: String = "shop") -> String {
        #"{"kind":"GlusterVolume","metadata":{"name":"\#(name)","namespace":"\#(namespace)","resourceVersion":"\#(version)"},"spec":{}}"#
    }
}
