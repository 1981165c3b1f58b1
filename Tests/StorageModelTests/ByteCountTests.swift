import StorageModel
import Testing

@Suite struct ByteCountTests {
    @Test func unitsAreBinary() {
        #expect(ByteCount.kibibytes(1).bytes == 1024)
        #expect(ByteCount.mebibytes(1).bytes == 1_048_576)
        #expect(ByteCount.gibibytes(3).bytes == 3 * 1_073_741_824)
        #expect(ByteCount.tebibytes(4).gibibytes == 4096)
        #expect(ByteCount.gibibytes(2).kibibytes == 2 * 1024 * 1024)
    }

    @Test func exactConversionRefusesOverflow() {
        #expect(ByteCount.exactly(10, unit: ByteCount.gibibyte) == .gibibytes(10))
        #expect(ByteCount.exactly(Int64.max / 2, unit: ByteCount.gibibyte) == nil)
        #expect(ByteCount.exactly(-1, unit: ByteCount.kibibyte)?.bytes == -1024)
    }

    @Test(arguments: [
        (Int64(0), Int64(0)), (1, 4_194_304), (4_194_304, 4_194_304), (4_194_305, 8_388_608),
    ])
    func roundsUpToExtents(bytes: Int64, expected: Int64) {
        #expect(ByteCount(bytes: bytes).roundedUp(toMultipleOf: .mebibytes(4)).bytes == expected)
    }

    @Test(arguments: [
        (ByteCount(bytes: 0), "0 B"), (.kibibytes(1), "1 KiB"), (.mebibytes(1536), "1.5 GiB"),
        (.gibibytes(500), "500 GiB"), (.tebibytes(4), "4 TiB"), (ByteCount(bytes: 1023), "1023 B"),
    ])
    func printsHumanSizes(size: ByteCount, text: String) {
        #expect(size.description == text)
    }

    @Test func scalesUpToWholeBytes() {
        #expect(ByteCount.gibibytes(10).scaled(by: 1.5) == .gibibytes(15))
        #expect(ByteCount(bytes: 3).scaled(by: 0.5).bytes == 2)
    }
}
