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
}
