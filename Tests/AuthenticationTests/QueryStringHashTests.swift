import Authentication
import Crypto
import Testing

@Suite struct QueryStringHashTests {
    @Test func getClustersMatchesSHA256ComputedHere() throws {
        let expected = Hex.encode(try SHA256.hash(Array("GET&/clusters".utf8)))
        #expect(try QueryStringHash.of(method: "GET", path: "/clusters") == expected)
        // The same value from Python's hashlib, so both sides are pinned to an outside reference.
        #expect(expected == "4749a59de87c27c9b2f495c5f1309b2525681dfe30c8a7b83625901b132a9c26")
    }

    @Test func queryStringIsNotHashed() throws {
        let bare = try QueryStringHash.of(method: "GET", path: "/volumes")
        #expect(try QueryStringHash.of(method: "GET", path: "/volumes?name=x&size=1") == bare)
        #expect(try QueryStringHash.of(method: "GET", path: "/volumes?") == bare)
    }

    @Test func methodAndPathBothMatter() throws {
        let get = try QueryStringHash.of(method: "GET", path: "/volumes")
        #expect(try QueryStringHash.of(method: "POST", path: "/volumes") != get)
        #expect(try QueryStringHash.of(method: "GET", path: "/volumes/") != get)
        #expect(try QueryStringHash.of(method: "get", path: "/volumes") != get)
    }
}
