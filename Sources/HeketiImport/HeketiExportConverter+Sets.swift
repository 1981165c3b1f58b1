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
            do throws(BrickSetGrouping.Failure) {
                grouping = try BrickSetGrouping.group(bricks, durability: volume.durability, nodeOrder: nodeOrder)
            } catch {
                throw HeketiImportError(subject, .brickSets(error.message))
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
