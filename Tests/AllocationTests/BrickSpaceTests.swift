import Allocation
import StorageModel
import Testing

@Suite struct BrickSpaceTests {
    @Test func thinPoolPlusMetadataRoundedToExtents() {
        let space = BrickSpace(size: .gibibytes(10), snapshotFactor: 1)
        #expect(space.thinPool == .gibibytes(10))
        // 0.5 % of 10 GiB is 51.2 MiB, rounded up to 52 MiB.
        #expect(space.metadata == .mebibytes(52))
        #expect(space.reserved == .gibibytes(10) + .mebibytes(52))
    }

    @Test func snapshotFactorGrowsThePool() {
        let space = BrickSpace(size: .gibibytes(10), snapshotFactor: 1.5)
        #expect(space.size == .gibibytes(10))
        #expect(space.thinPool == .gibibytes(15))
        #expect(space.metadata == .mebibytes(80))
    }

    @Test func metadataIsCappedAtSixteenGiB() {
        let space = BrickSpace(size: .tebibytes(4), snapshotFactor: 1)
        #expect(space.metadata == .gibibytes(16))
    }

    @Test func oddSizesRoundUp() {
        let space = BrickSpace(size: .mebibytes(1025), snapshotFactor: 1)
        #expect(space.thinPool == .mebibytes(1028))
        #expect(space.metadata == .mebibytes(8))
    }

    /// A brick is built from its recorded reservation: split back, it gives the allocator's pool and metadata.
    @Test(arguments: [1.0, 1.25, 1.5, 2.0, 3.7])
    func aReservationSplitsBackIntoItsPoolAndMetadata(factor: Double) {
        let sizes: [ByteCount] =
            [.mebibytes(4), .mebibytes(33), .mebibytes(1025), .gibibytes(1), .gibibytes(10), .gibibytes(777)]
            + [.tebibytes(3) + .mebibytes(4), .tebibytes(4), .tebibytes(13)]
        for size in sizes {
            let planned = BrickSpace(size: size, snapshotFactor: factor)
            let built = BrickSpace(size: size, reserved: planned.reserved)
            #expect(built == planned, "size \(size), factor \(factor)")
        }
    }

    /// A reservation no factor made (imported, or written by hand) still adds up: the metadata takes the rest.
    @Test func anyReservationAddsUpToItself() {
        for reserved in [ByteCount.zero, .mebibytes(3), .mebibytes(9), .gibibytes(10), .gibibytes(10) + .kibibytes(1)] {
            let built = BrickSpace(size: .gibibytes(1), reserved: reserved)
            #expect(built.reserved == reserved)
            #expect(built.thinPool.bytes % BrickSpace.extent.bytes == 0)
            #expect(built.thinPool >= .zero && built.metadata >= .zero)
        }
    }
}
