import Foundation
import KubernetesAPI
import Testing

/// A watch body arrives in chunks that split events anywhere; events come out whole and in order.
@Suite struct WatchStreamTests {
    static let stream = """
        {"type":"ADDED","object":{"kind":"GlusterVolume","metadata":{"name":"a","resourceVersion":"10"}}}
        {"type":"BOOKMARK","object":{"kind":"GlusterVolume","metadata":{"resourceVersion":"12"}}}
        {"type":"MODIFIED","object":{"kind":"GlusterVolume","metadata":{"name":"a","resourceVersion":"13"}}}

        {"type":"DELETED","object":{"kind":"GlusterVolume","metadata":{"name":"a","resourceVersion":"14"}}}
        {"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 1 (14)"}}

        """

    static func names(_ events: [WatchEvent]) -> [String] {
        events.map { event in
            switch event {
            case .added: "added"
            case .modified: "modified"
            case .deleted: "deleted"
            case .bookmark(let version): "bookmark \(version)"
            case .error(let status): "error \(status.code)"
            }
        }
    }

    @Test(arguments: [1, 7, 64, 4096])
    func chunksOfAnySizeGiveTheSameEvents(chunkSize: Int) throws {
        var decoder = WatchStreamDecoder()
        var events: [WatchEvent] = []
        let bytes = Array(Self.stream.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunkSize) {
            events += try decoder.feed(Array(bytes[start..<min(start + chunkSize, bytes.count)]))
        }
        #expect(Self.names(events) == ["added", "bookmark 12", "modified", "deleted", "error 410"])
        #expect(!decoder.hasPartialEvent)
        guard case .error(let status) = events.last else { Issue.record("no error event"); return }
        #expect(status.isGone)
        guard case .added(let object) = events.first else { Issue.record("no added event"); return }
        let decoded = try JSONSerialization.jsonObject(with: object) as? [String: Any]
        #expect((decoded?["metadata"] as? [String: Any])?["name"] as? String == "a")
    }

    @Test func aStreamCutMidEventSaysSoAndBadLinesAreErrors() throws {
        var decoder = WatchStreamDecoder()
        #expect(try decoder.feed(Array(#"{"type":"ADDED","object":{"#.utf8)).isEmpty)
        #expect(decoder.hasPartialEvent)
        var strict = WatchStreamDecoder(maximumLineBytes: 8)
        #expect(throws: WatchDecodingError("a watch event is longer than 8 bytes")) { try strict.feed(Array("0123456789".utf8)) }
        var other = WatchStreamDecoder()
        #expect(throws: WatchDecodingError.self) { try other.feed(Array("not json\n".utf8)) }
        #expect(throws: WatchDecodingError("unknown watch event type RENAMED")) {
            try other.feed(Array(#"{"type":"RENAMED","object":{}}"#.utf8 + [10]))
        }
    }

    @Test func errorBodiesBecomeStatuses() {
        let conflict = APIStatus.decode(
            code: 409,
            body: Array(#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"the object has been modified","reason":"Conflict","code":409}"#.utf8))
        #expect(conflict.isConflict && !conflict.isGone)
        #expect(conflict.description == "409 Conflict: the object has been modified")
        let exists = APIStatus.decode(code: 409, body: Array(#"{"kind":"Status","reason":"AlreadyExists","code":409}"#.utf8))
        #expect(!exists.isConflict)
        let plain = APIStatus.decode(code: 503, body: Array("service unavailable\nmore".utf8))
        #expect(plain == APIStatus(code: 503, reason: "", message: "service unavailable"))
    }
}

@Suite struct ListPageTests {
    @Test func aPageGivesItsItemsVersionAndNextToken() throws {
        let body = #"{"kind":"GlusterVolumeList","metadata":{"resourceVersion":"99","continue":"next"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"#
        let page = try ListPage.decode(Array(body.utf8))
        #expect(page.items.count == 2)
        #expect(page.resourceVersion == "99")
        #expect(page.continueToken == "next")
        let last = try ListPage.decode(Array(#"{"metadata":{"resourceVersion":"100","continue":""},"items":[]}"#.utf8))
        #expect(last.continueToken == nil && last.items.isEmpty)
        #expect(throws: WatchDecodingError.self) { try ListPage.decode(Array("[]".utf8)) }
    }
}
