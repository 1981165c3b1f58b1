import Crypto
import Testing

@Suite struct SHA256Tests {
    @Test func emptyInputMatchesFIPS180Vector() throws {
        let digest = try SHA256.hash([UInt8]())
        #expect(Hex.encode(digest) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abcMatchesFIPS180Vector() throws {
        let digest = try SHA256.hash("abc".utf8)
        #expect(Hex.encode(digest) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockMessageMatchesFIPS180Vector() throws {
        let digest = try SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Hex.encode(digest) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
