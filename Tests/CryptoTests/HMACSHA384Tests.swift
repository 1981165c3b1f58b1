import Crypto
import Testing

/// RFC 4231 test cases for HMAC-SHA384 (case 5 truncates the tag and is left out).
@Suite struct HMACSHA384Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var key: [UInt8]
        var data: [UInt8]
        var tag: String
        var testDescription: String { self.name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "RFC 4231 case 1", key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
            tag: "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"),
        Vector(
            name: "RFC 4231 case 2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
            tag: "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"),
        Vector(
            name: "RFC 4231 case 6", key: [UInt8](repeating: 0xaa, count: 131),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            tag: "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"),
    ]

    @Test(arguments: Self.vectors)
    func matchesRFC4231(_ vector: Vector) throws {
        let tag = try HMACSHA384.authenticate(message: vector.data, key: vector.key)
        #expect(tag.count == HMACSHA384.byteCount)
        #expect(Hex.encode(tag) == vector.tag)
    }

    @Test func emptyKeyAndMessageMatchKnownTag() throws {
        let tag = try HMACSHA384.authenticate(message: [UInt8](), key: [UInt8]())
        #expect(
            Hex.encode(tag)
                == "6c1f2ee938fad2e24bd91298474382ca218c75db3d83e114b3d4367776d14d3551289e75e8209cd4b792302840234adc")
    }

    @Test func isValidAcceptsTheRightTagAndRejectsAFlippedBit() throws {
        let key = Array("Jefe".utf8)
        let message = Array("what do ya want for nothing?".utf8)
        var tag = try HMACSHA384.authenticate(message: message, key: key)
        #expect(try HMACSHA384.isValid(tag: tag, message: message, key: key))
        tag[47] ^= 0x01
        #expect(try !HMACSHA384.isValid(tag: tag, message: message, key: key))
    }
}
