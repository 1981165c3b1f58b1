import Curl
import Testing

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCase() {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.add(name: "set-cookie", value: "a=1")
        headers.add(name: "Set-Cookie", value: "b=2")
        #expect(headers["content-TYPE"] == "application/json")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers["Content-Length"] == nil)
    }
}
