public import Foundation

/// One event of a watch: what happened to which object. Bookmarks carry only a resource version to resume from;
/// an error carries the server's `Status` (410 Gone: the version is compacted, list again).
public enum WatchEvent: Sendable, Equatable {
    case added(Data)
    case modified(Data)
    case deleted(Data)
    case bookmark(resourceVersion: String)
    case error(APIStatus)
}

/// Splits a watch's streaming body into events as its chunks arrive: the server writes one JSON object per line,
/// and a chunk may end anywhere, so an unfinished line waits for the next chunk. The body is never held whole. A
/// line that is not an event is an error (with the events before it in that chunk): drop the watch and list again.
public struct WatchStreamDecoder: Sendable {
    private var pending: [UInt8] = []
    /// A line longer than this is an error rather than memory without bound.
    public let maximumLineBytes: Int

    public init(maximumLineBytes: Int = 16 << 20) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// The events completed by `chunk`, in order.
    public mutating func feed(_ chunk: [UInt8]) throws(WatchDecodingError) -> [WatchEvent] {
        self.pending += chunk
        var events: [WatchEvent] = []
        var start = 0
        while let newline = self.pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = self.pending[start..<newline]
            start = newline + 1
            guard !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) else { continue }
            do throws(WatchDecodingError) {
                events.append(try Self.event(Data(line)))
            } catch {
                // The bad line is consumed with the good ones before it, so the decoder is usable again.
                self.pending.removeFirst(start)
                throw error
            }
        }
        self.pending.removeFirst(start)
        guard self.pending.count <= self.maximumLineBytes else {
            throw WatchDecodingError("a watch event is longer than \(self.maximumLineBytes) bytes")
        }
        return events
    }

    /// Whether a partial line is left (the stream ended in the middle of an event).
    public var hasPartialEvent: Bool { !self.pending.isEmpty }

    static func event(_ line: Data) throws(WatchDecodingError) -> WatchEvent {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let type = object["type"] as? String, let body = object["object"] as? [String: Any],
            let data = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        else {
            throw WatchDecodingError("not a watch event: \(String(decoding: line.prefix(200), as: UTF8.self))")
        }
        switch type {
        case "ADDED": return .added(data)
        case "MODIFIED": return .modified(data)
        case "DELETED": return .deleted(data)
        case "BOOKMARK":
            let metadata = body["metadata"] as? [String: Any]
            guard let version = metadata?["resourceVersion"] as? String else {
                throw WatchDecodingError("a bookmark without metadata.resourceVersion")
            }
            return .bookmark(resourceVersion: version)
        case "ERROR":
            return .error(APIStatus(object: body))
        default:
            throw WatchDecodingError("unknown watch event type \(type)")
        }
    }
}

public struct WatchDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The API's `Status` object, as errors come back: the HTTP code, a reason (`Conflict`, `Gone`, `NotFound`,
/// `AlreadyExists`, ...) and a message to show.
public struct APIStatus: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var reason: String
    public var message: String

    public init(code: Int, reason: String, message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    init(object: [String: Any]) {
        self.code = object["code"] as? Int ?? 0
        self.reason = object["reason"] as? String ?? ""
        self.message = object["message"] as? String ?? ""
    }

    /// The status of an error answer's body; when it is not a `Status`, the code with the body's first line.
    public static func decode(code: Int, body: [UInt8]) -> APIStatus {
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            object["kind"] as? String == "Status"
        {
            var status = APIStatus(object: object)
            if status.code == 0 { status.code = code }
            return status
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return APIStatus(code: code, reason: "", message: text)
    }

    /// The watch's resource version is too old (compacted): list again, then watch from the list.
    public var isGone: Bool { self.code == 410 || self.reason == "Expired" || self.reason == "Gone" }
    /// A write lost a race (stale resourceVersion): read again and retry.
    public var isConflict: Bool { self.code == 409 && self.reason != "AlreadyExists" }

    public var description: String {
        "\(self.code)\(self.reason.isEmpty ? "" : " \(self.reason)")\(self.message.isEmpty ? "" : ": \(self.message)")"
    }
}
