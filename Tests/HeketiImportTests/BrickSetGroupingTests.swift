import StorageModel
import Testing

@testable import HeketiImport

/// Sets from bricks alone: one set per brick size when that is all there is, otherwise dealt across nodes.
@Suite struct BrickSetGroupingTests {
    static let volume = VolumeID(high: 1, low: 1)

    static func brick(_ number: UInt64, node: UInt64, size: Int64 = 2, role: Brick.Role = .data) -> Brick {
        Brick(
            id: BrickID(high: 0, low: number), volume: Self.volume, device: DeviceID(high: node, low: number),
            node: NodeID(high: 0, low: node), role: role, size: .gibibytes(size), reserved: .gibibytes(size), path: "/b"
        )
    }

    func sets(_ result: BrickSetGrouping.Result) -> [[UInt64]] {
        result.sets.map { $0.map(\.low) }
    }

    @Test func twoSetsOfOneSizeAreDealtSoNoSetRepeatsANode() throws {
        let bricks = [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3)].map { Self.brick($0, node: $1) }
        let result = try BrickSetGrouping.group(bricks, durability: .replicate(3), nodeOrder: [:])
        #expect(self.sets(result) == [[1, 3, 5], [2, 4, 6]])
        #expect(result.inferredSets == 2)
    }

    @Test func distinctSizesAreExactAndLargestFirst() throws {
        let bricks =
            [Self.brick(1, node: 1, size: 1), Self.brick(2, node: 1), Self.brick(3, node: 2)]
            + [Self.brick(4, node: 2, size: 1)]
        let result = try BrickSetGrouping.group(
            bricks, durability: .replicate(2), nodeOrder: [NodeID(high: 0, low: 2): 0])
        #expect(self.sets(result) == [[3, 2], [4, 1]])
        #expect(result.inferredSets == 0)
    }

    /// Larger data bricks come with larger arbiter bricks, so the two allocations pair up by size rank.
    @Test func arbitersPairWithTheirAllocationBySize() throws {
        let bricks = [
            Self.brick(1, node: 1, size: 4), Self.brick(2, node: 2, size: 4),
            Self.brick(3, node: 3, size: 2, role: .arbiter),
            Self.brick(4, node: 2, size: 2), Self.brick(5, node: 3, size: 2),
            Self.brick(6, node: 1, size: 1, role: .arbiter),
        ]
        let result = try BrickSetGrouping.group(bricks, durability: .arbiter, nodeOrder: [:])
        #expect(self.sets(result) == [[1, 2, 3], [4, 5, 6]])
    }

    @Test func refusesWhatCannotBeSets() {
        #expect(throws: BrickSetGrouping.Failure.self) {
            try BrickSetGrouping.group(
                [Self.brick(1, node: 1), Self.brick(2, node: 2)], durability: .replicate(3), nodeOrder: [:])
        }
        #expect(throws: BrickSetGrouping.Failure.self) {
            try BrickSetGrouping.group(
                [Self.brick(1, node: 1), Self.brick(2, node: 2)], durability: .arbiter, nodeOrder: [:])
        }
        #expect(throws: BrickSetGrouping.Failure.self) {
            try BrickSetGrouping.group([], durability: .distribute, nodeOrder: [:])
        }
    }
}
