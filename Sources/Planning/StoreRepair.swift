public import StorageModel
public import StoreRecords

/// What `brickyard repair` does about the damage `GET /db/check` reports, decided against what the nodes hold.
/// Pure: a function of the topology (pending entries included), the problems and the nodes' inventory.
///
/// The rules, for an entry marked by an operation that has finished (nothing will ever clear that mark):
/// - a volume that Gluster still has is shown again; one Gluster no longer has is forgotten with all its bricks,
///   and any of those bricks still on a node is destroyed first;
/// - a brick of a volume's sets is shown again; a brick outside them that no Gluster volume uses is destroyed (when it
///   is still on its node) and forgotten; one that a Gluster volume does use is left reserved and reported, since it
///   may hold data;
/// - a node or device is shown again when something stored rests on it, and forgotten otherwise (add it again).
/// A volume whose recorded size is not what its sets hold takes the sets' size. Holds of finished operations go.
/// Everything else is reported, not touched.
public struct StoreRepair: Hashable, Sendable {
    /// Entries forgotten, children first.
    public var deletions: [StoreEntry] = []
    /// Entries whose stale mark is cleared, so clients see them again.
    public var clears: [StoreEntry] = []
    /// Volumes whose size becomes what their sets hold.
    public var resizes: [VolumeID: ByteCount] = [:]
    /// Bricks to destroy on their nodes before they are forgotten.
    public var destroy: [BrickID] = []
    /// Operations whose leftover holds are dropped.
    public var releasedHolds: [OperationID] = []
    /// Problems left for a person, one line each.
    public var unresolved: [String] = []

    public init() {}

    public var isEmpty: Bool {
        self.deletions.isEmpty && self.clears.isEmpty && self.resizes.isEmpty && self.destroy.isEmpty
            && self.releasedHolds.isEmpty
    }

    /// What each change is, one line each (the command prints it).
    public func lines(in topology: Topology) -> [String] {
        var lines: [String] = []
        for brick in self.destroy { lines.append("destroy brick \(brick) on its node (\(topology.bricks[brick]?.path ?? "?"))") }
        for entry in self.deletions { lines.append("forget \(entry)") }
        for entry in self.clears { lines.append("show \(entry) again") }
        for (volume, size) in self.resizes.sorted(by: { $0.key < $1.key }) {
            lines.append("record volume \(volume) as \(size) (what its brick sets hold)")
        }
        for operation in self.releasedHolds { lines.append("release the holds of finished operation \(operation)") }
        return lines
    }

    public static func plan(problems: [ConsistencyProblem], topology: Topology, nodes: NodeInventory) -> StoreRepair {
        var repair = StoreRepair()
        var forgottenVolumes = Set<VolumeID>()
        var deleted = Set<StoreEntry>()
        var cleared = Set<StoreEntry>()
        func forget(_ brick: Brick) {
            guard deleted.insert(.brick(brick.id)).inserted else { return }
            if nodes.bricks.contains(brick.id) { repair.destroy.append(brick.id) }
            repair.deletions.append(.brick(brick.id))
        }
        let orphans = problems.compactMap { problem -> StoreEntry? in
            if case .orphanMarker(let entry, _, _) = problem { return entry }
            return nil
        }
        // Volumes first: forgetting one forgets its bricks.
        for case .volume(let id) in orphans {
            guard let volume = topology.volumes[id] else { continue }
            if nodes.volumes[id] != nil {
                cleared.insert(.volume(id))
            } else {
                forgottenVolumes.insert(id)
                for brick in topology.bricks.values.sorted(by: { $0.id < $1.id }) where brick.volume == volume.id {
                    forget(brick)
                }
            }
        }
        for entry in orphans {
            switch entry {
            case .volume:
                continue
            case .brick(let id):
                guard let brick = topology.bricks[id], !forgottenVolumes.contains(brick.volume) else { continue }
                let listed = topology.volumes[brick.volume]?.brickSets.contains { $0.contains(id) } ?? false
                if listed {
                    cleared.insert(entry)
                } else if nodes.volumes.values.contains(where: { $0.contains(id) }) {
                    repair.unresolved.append(
                        "brick \(id) is in Gluster volume \(brick.volume) but not in its recorded sets: its space stays reserved; "
                            + "record the volume again with `brickyard recover` into a new database")
                } else {
                    forget(brick)
                }
            case .device(let id):
                if topology.bricks(on: id).contains(where: { !deleted.contains(.brick($0.id)) }) {
                    cleared.insert(entry)
                } else if deleted.insert(entry).inserted {
                    repair.deletions.append(entry)
                }
            case .node(let id):
                if !topology.devices(on: id).isEmpty {
                    cleared.insert(entry)
                } else if deleted.insert(entry).inserted {
                    repair.deletions.append(entry)
                }
            }
        }
        // Children before parents: bricks, then volumes, devices, nodes.
        func rank(_ entry: StoreEntry) -> Int {
            switch entry {
            case .brick: 0
            case .volume: 1
            case .device: 2
            case .node: 3
            }
        }
        repair.deletions += forgottenVolumes.sorted().map { StoreEntry.volume($0) }
        repair.deletions.sort { (rank($0), $0.key) < (rank($1), $1.key) }
        repair.clears = cleared.sorted { $0.key < $1.key }
        repair.destroy.sort()
        for problem in problems {
            switch problem {
            case .orphanMarker:
                continue
            case .orphanHold(_, let operation, _):
                if !repair.releasedHolds.contains(operation) { repair.releasedHolds.append(operation) }
            case .sizeMismatch(let volume, _, _, let capacity) where !forgottenVolumes.contains(volume):
                repair.resizes[volume] = capacity
            case .sizeMismatch:
                continue
            case .strayBrick(_, let volume) where forgottenVolumes.contains(volume):
                continue
            default:
                repair.unresolved.append(problem.description)
            }
        }
        return repair
    }
}
