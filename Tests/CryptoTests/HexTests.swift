import Crypto
import Testing

@Suite struct HexTests {
    @Test func encodesLowercase() {
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Hex.encode([UInt8]()) == "")
    }

    @Test func roundTripsEveryByte() {
        let bytes = Array(UInt8.min...UInt8.max)
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
    }

    @Test func decodesUppercase() {
        #expect(Hex.decode("DEADbeef") == [0xde, 0xad, 0xbe, 0xef])
    }

    @Test(arguments: ["abc", "zz", "0g", " 0"])
    func rejectsMalformedText(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
