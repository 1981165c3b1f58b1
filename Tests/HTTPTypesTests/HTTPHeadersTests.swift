import HTTPTypes
import Testing

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-Tag": "a"]
        headers.add(name: "x-tag", value: "b")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers.values(for: "X-TAG") == ["a", "b"])
        #expect(headers["Content-Typf"] == nil)
        #expect(headers["Content-Typ"] == nil)
    }

    @Test func setReplacesEveryFieldWithTheName() {
        var headers: HTTPHeaders = ["A": "1", "a": "2", "B": "3"]
        headers.set(name: "A", value: "9")
        #expect(headers.values(for: "a") == ["9"])
        #expect(headers.count == 2)
        headers.remove(name: "b")
        #expect(headers.count == 1)
    }

    @Test func punctuationIsNotFoldedLikeLetters() {
        let headers: HTTPHeaders = ["X@": "1"]
        #expect(headers["X`"] == nil)
        #expect(headers["x@"] == "1")
    }
}
