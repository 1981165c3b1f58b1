@testable import Allocation
import StorageModel
import Testing

@Suite struct BrickSplitTests {
    func candidates(_ size: ByteCount, _ durability: Durability, policy: AllocationPolicy = AllocationPolicy()) throws
        -> [BrickSplit]
    {
        try BrickSplit.candidates(for: PlacementRequest(size: size, durability: durability), policy: policy)
    }

    @Test func doublesSetsUntilMinimumBrickSizeThenAddsTheLargestCount() throws {
        let splits = try self.candidates(.gibibytes(100), .replicate(3))
        #expect(splits.map(\.sets) == [1, 2, 4, 8, 10])
        #expect(splits.map(\.brickSize) == [.gibibytes(100), .gibibytes(50), .gibibytes(25), .mebibytes(12800), .gibibytes(10)])
    }

    @Test func stopsAtTheMinimumBrickSize() throws {
        let splits = try self.candidates(.gibibytes(3), .distribute)
        #expect(splits.map(\.sets) == [1, 2])
        #expect(splits.allSatisfy { $0.brickSize >= .gibibytes(1) })
    }

    @Test func splitsUntilBricksAreWithinTheMaximum() throws {
        var policy = AllocationPolicy()
        policy.maximumBrickSize = .gibibytes(100)
        let splits = try self.candidates(.gibibytes(300), .replicate(2), policy: policy)
        #expect(splits.first?.sets == 4)
        #expect(splits.first?.brickSize == .gibibytes(75))
    }

    @Test func refusesVolumesThatNeedTooManyBricks() {
        var policy = AllocationPolicy()
        policy.maximumBrickSize = .gibibytes(1)
        #expect(throws: AllocationError.tooManyBricks(needed: 48, maximum: 32)) {
            try self.candidates(.gibibytes(100), .replicate(3), policy: policy)
        }
    }

    @Test func refusesBricksBelowTheMinimumBeforeAnySplit() {
        // Heketi refuses a 1 GiB 4+2 volume: its bricks would be 256 MiB.
        #expect(throws: AllocationError.brickTooSmall(size: .mebibytes(256), minimum: .gibibytes(1))) {
            try self.candidates(.gibibytes(1), .disperse(data: 4, redundancy: 2))
        }
    }

    @Test func disperseBricksHoldTheirShareOfASet() throws {
        let splits = try self.candidates(.gibibytes(64), .disperse(data: 4, redundancy: 2))
        #expect(splits.first?.brickSize == .gibibytes(16))
        #expect(splits.map(\.sets) == [1, 2, 4, 5])
    }

    @Test func arbiterBricksScaleWithExpectedFiles() throws {
        // 64 GiB at 64 KiB per file is 1 Mi files, one KiB each: 1 GiB.
        let large = try self.candidates(.gibibytes(64), .arbiter)
        #expect(large.first?.arbiterSize == .gibibytes(1))
        // Small bricks still get the 16 MiB floor.
        let small = try self.candidates(.gibibytes(1), .arbiter)
        #expect(small.first?.arbiterSize == .mebibytes(16))
        // Larger average files, smaller arbiters.
        var request = PlacementRequest(size: .gibibytes(64), durability: .arbiter)
        request.averageFileSize = .kibibytes(256)
        #expect(try BrickSplit.candidates(for: request, policy: AllocationPolicy()).first?.arbiterSize == .mebibytes(256))
    }
}
