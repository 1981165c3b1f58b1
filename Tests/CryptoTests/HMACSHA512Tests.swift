import Crypto
import Testing

/// RFC 4231 test cases for HMAC-SHA512 (case 5 truncates the tag and is left out).
@Suite struct HMACSHA512Tests {
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
            tag: "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"),
        Vector(
            name: "RFC 4231 case 2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
            tag: "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
        Vector(
            name: "RFC 4231 case 6", key: [UInt8](repeating: 0xaa, count: 131),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            tag: "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"),
    ]

    @Test(arguments: Self.vectors)
    func matchesRFC4231(_ vector: Vector) throws {
        let tag = try HMACSHA512.authenticate(message: vector.data, key: vector.key)
        #expect(tag.count == HMACSHA512.byteCount)
        #expect(Hex.encode(tag) == vector.tag)
    }

    @Test func emptyKeyAndMessageMatchKnownTag() throws {
        let tag = try HMACSHA512.authenticate(message: [UInt8](), key: [UInt8]())
        #expect(
            Hex.encode(tag)
                == "b936cee86c9f87aa5d3c6f2e84cb5a4239a5fe50480a6ec66b70ab5b1f4ac673"
                + "0c6c515421b327ec1d69402e53dfb49ad7381eb067b338fd7b0cb22247225d47")
    }

    @Test func isValidAcceptsTheRightTagAndRejectsAFlippedBit() throws {
        let key = Array("Jefe".utf8)
        let message = Array("what do ya want for nothing?".utf8)
        var tag = try HMACSHA512.authenticate(message: message, key: key)
        #expect(try HMACSHA512.isValid(tag: tag, message: message, key: key))
        tag[63] ^= 0x01
        #expect(try !HMACSHA512.isValid(tag: tag, message: message, key: key))
    }
}
