import HTTPServer
import Testing

@Suite struct HTTPServerRequestTests {
    @Test func queryIsDecodedInOrder() {
        let request = HTTPServerRequest(method: "GET", path: "/v", rawQuery: "name=a%20b&tag=x&tag=y&flag&plus=1+2")
        #expect(request.queryItems.map(\.name) == ["name", "tag", "tag", "flag", "plus"])
        #expect(request.queryItems.map(\.value) == ["a b", "x", "y", "", "1 2"])
        #expect(request.queryValue("tag") == "x")
        #expect(request.queryValue("missing") == nil)
    }

    @Test func malformedEscapesAreKeptAndEmptyPairsSkipped() {
        let items = HTTPServerRequest.parseQuery("a=%zz&&b=%4&c=%41%e2%9c%93=")
        #expect(items.map(\.name) == ["a", "b", "c"])
        #expect(items.map(\.value) == ["%zz", "%4", "A✓="])
    }

    @Test func emptyQueryHasNoItems() {
        #expect(HTTPServerRequest.parseQuery("").isEmpty)
    }
}
