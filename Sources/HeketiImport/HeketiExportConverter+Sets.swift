internal import StorageModel

/// Durability made final (arbiter) and bricks arranged into sets, once every brick is known.
extension HeketiExportConverter {
    mutating func groupBrickSets() throws(HeketiImportError) {
        let nodeByStorageHost = Dictionary(
            self.nodes.values.map { ($0.storageHostname, $0.id) }, uniquingKeysWith: { first, _ in first })
        for id in self.volumes.keys.sorted() {
            guard var volume = self.volumes[id] else { continue }
            let subject = "volume \(id)"
            let bricks = (self.volumeBricks[id] ?? []).compactMap { self.bricks[$0] }
            if Self.wantsArbiter(volume.options) || bricks.contains(where: { $0.role == .arbiter }) {
                volume.durability = try self.arbiter(volume, bricks: bricks, subject)
            }
            var nodeOrder: [NodeID: Int] = [:]
            for (rank, host) in (self.mountHosts[id] ?? []).enumerated() {
                if let node = nodeByStorageHost[host], nodeOrder[node] == nil { nodeOrder[node] = rank }
            }
            let grouping: BrickSetGrouping.Result
            if let recorded = self.recordedSets[id] {
                grouping = try self.recorded(recorded, of: bricks, durability: volume.durability, subject)
            } else {
                do throws(BrickSetGrouping.Failure) {
                    grouping = try BrickSetGrouping.group(bricks, durability: volume.durability, nodeOrder: nodeOrder)
                } catch {
                    throw HeketiImportError(subject, .brickSets(error.message))
                }
            }
            volume.brickSets = grouping.sets
            if grouping.inferredSets > 0 { self.notes.append(.setsInferred(volume: id, sets: grouping.inferredSets)) }
            let capacity = grouping.sets.reduce(ByteCount.zero) { total, set in
                let brick = set.first.flatMap { self.bricks[$0] }
                return total + (brick?.size ?? .zero) * Int64(volume.durability.dataFragments)
            }
            if capacity != volume.size {
                self.notes.append(.volumeSizeDiffers(volume: id, recorded: volume.size, fromBricks: capacity))
            }
            self.volumes[id] = volume
        }
    }

    /// Sets a Brickyard dump recorded: taken as they are once they hold exactly the volume's bricks, each once, in
    /// sets of the volume's shape.
    private func recorded(
        _ sets: [[BrickID]], of bricks: [Brick], durability: Durability, _ subject: String
    ) throws(HeketiImportError) -> BrickSetGrouping.Result {
        let listed = sets.joined()
        guard Set(listed) == Set(bricks.map(\.id)), Set(listed).count == listed.count else {
            throw HeketiImportError(subject, .brickSets("BrickSets does not hold exactly the bricks listed in Bricks"))
        }
        if let wrong = sets.firstIndex(where: { $0.count != durability.setSize }) {
            throw HeketiImportError(
                subject,
                .brickSets("BrickSets set \(wrong + 1) has \(sets[wrong].count) bricks; \(durability) needs \(durability.setSize)"))
        }
        return BrickSetGrouping.Result(sets: sets, inferredSets: 0)
    }

    /// Replica 3 with arbiter bricks, which Heketi marks by the option and by each brick's SubType.
    private func arbiter(_ volume: Volume, bricks: [Brick], _ subject: String) throws(HeketiImportError) -> Durability {
        guard volume.durability == .replicate(3) else {
            throw HeketiImportError(
                subject, .unsupported("an arbiter needs replicate 3, but the volume is \(volume.durability)"))
        }
        if !bricks.contains(where: { $0.role == .arbiter }) {
            if bricks.contains(where: { self.untypedBricks.contains($0.id) }) {
                throw HeketiImportError(
                    subject,
                    .unsupported(
                        "\(Self.arbiterOption) is true but Heketi did not record which bricks are arbiters (SubType 0)")
                )
            }
            throw HeketiImportError(
                subject, .brickSets("\(Self.arbiterOption) is true but no brick has SubType 2 (arbiter)"))
        }
        return .arbiter
    }
}
