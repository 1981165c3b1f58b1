import Crypto
import Testing

@Suite struct Base64URLTests {
    @Test func encodesWithURLAlphabetAndNoPadding() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.encode(Array("f".utf8)) == "Zg")
        #expect(Base64URL.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64URL.encode([UInt8]()) == "")
    }

    @Test func encodesTheJWTHeaderFromRFC7515() {
        // RFC 7515 appendix A.1: the header bytes include CR LF, so they are spelled out.
        let header = Array("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}".utf8)
        #expect(Base64URL.encode(header) == "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9")
    }

    @Test(arguments: 0..<8)
    func roundTripsEveryLength(_ length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 0xf8 + $0 * 37) }
        #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
    }

    @Test(arguments: ["Zg==", "a+b/", "Z", "Zm9v!", "Zm 9v"])
    func rejectsMalformedText(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
