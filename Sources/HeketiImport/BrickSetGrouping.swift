internal import StorageModel

/// Arranges a volume's bricks into Gluster's replica or disperse sets.
///
/// Heketi keeps a volume's bricks as a list sorted by id; which bricks form a set is known only to Gluster. The
/// export still says enough in the common cases: every brick of one create or one expansion has the same size, so
/// each distinct data brick size is one allocation, and an allocation of one set is exact. An allocation of several
/// sets is dealt out so that no set holds two bricks of one node (or, failing that, of one device), which Heketi's
/// placement never allowed; that grouping is a guess and is reported as such.
enum BrickSetGrouping {
    struct Result: Equatable {
        var sets: [[BrickID]]
        /// How many sets were dealt out rather than known (0 when every allocation made one set).
        var inferredSets: Int
    }

    struct Failure: Error {
        var message: String
    }

    /// Sets in a stable order: larger bricks first, then by lowest brick id. Within a set, data bricks follow
    /// `nodeOrder` (Heketi's mount hosts, the order its first set was created in), then id; an arbiter goes last.
    static func group(_ bricks: [Brick], durability: Durability, nodeOrder: [NodeID: Int]) throws(Failure) -> Result {
        guard !bricks.isEmpty else { throw Failure(message: "it has no bricks") }
        let dataPerSet = durability == .arbiter ? 2 : durability.setSize
        let data = bricks.filter { $0.role == .data }
        let arbiters = bricks.filter { $0.role == .arbiter }
        if durability != .arbiter, let arbiter = arbiters.first {
            throw Failure(message: "brick \(arbiter.id) is an arbiter brick, but the volume is \(durability)")
        }
        var sets: [[Brick]] = []
        var inferred = 0
        var groups: [(size: ByteCount, sets: Range<Int>)] = []
        for (size, members) in Dictionary(grouping: data, by: \.size).sorted(by: { $0.key > $1.key }) {
            guard members.count % dataPerSet == 0 else {
                throw Failure(
                    message:
                        "its \(members.count) data bricks of \(size) do not make whole sets of \(dataPerSet) (\(durability))"
                )
            }
            let count = members.count / dataPerSet
            let dealt = try Self.deal(members, into: Array(repeating: [], count: count), capacity: dataPerSet)
            groups.append((size, sets.count..<sets.count + count))
            sets += dealt
            if count > 1 { inferred += count }
        }
        if durability == .arbiter {
            guard arbiters.count == sets.count else {
                throw Failure(message: "it has \(arbiters.count) arbiter bricks for \(sets.count) sets")
            }
            inferred = try Self.addArbiters(arbiters, to: &sets, groups: groups.map(\.sets), inferred: inferred)
        }
        let ordered = sets.map { set in
            set.sorted { a, b in
                if (a.role == .arbiter) != (b.role == .arbiter) { return b.role == .arbiter }
                let (rankA, rankB) = (nodeOrder[a.node] ?? Int.max, nodeOrder[b.node] ?? Int.max)
                return rankA != rankB ? rankA < rankB : a.id < b.id
            }.map(\.id)
        }
        return Result(sets: ordered, inferredSets: inferred)
    }

    /// Arbiter sizes follow data sizes, so when each allocation has its own arbiter size the two pair up by rank;
    /// otherwise arbiters are dealt across all sets and every set with more than one candidate counts as inferred.
    private static func addArbiters(
        _ arbiters: [Brick], to sets: inout [[Brick]], groups: [Range<Int>], inferred: Int
    ) throws(Failure) -> Int {
        let bySize = Dictionary(grouping: arbiters, by: \.size).sorted { $0.key > $1.key }.map(\.value)
        if bySize.count == groups.count, zip(bySize, groups).allSatisfy({ $0.count == $1.count }) {
            for (members, range) in zip(bySize, groups) {
                let dealt = try Self.deal(members, into: Array(sets[range]), capacity: 3)
                sets.replaceSubrange(range, with: dealt)
            }
            return inferred
        }
        sets = try Self.deal(arbiters, into: sets, capacity: 3)
        return sets.count > 1 ? sets.count : inferred
    }

    /// Deals bricks (in id order) into the first set with room and no brick on the same node, else on the same
    /// device.
    private static func deal(_ bricks: [Brick], into sets: [[Brick]], capacity: Int) throws(Failure) -> [[Brick]] {
        var sets = sets
        for brick in bricks.sorted(by: { $0.id < $1.id }) {
            let open = sets.indices.filter { sets[$0].count < capacity }
            guard
                let index = open.first(where: { !sets[$0].contains { $0.node == brick.node } })
                    ?? open.first(where: { !sets[$0].contains { $0.device == brick.device } })
            else {
                throw Failure(message: "brick \(brick.id) fits in no set without sharing device \(brick.device)")
            }
            sets[index].append(brick)
        }
        return sets
    }
}
