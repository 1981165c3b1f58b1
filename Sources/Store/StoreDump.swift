import Foundation
import StorageModel
import StoreRecords

/// The document behind `GET /db/dump`: every stored entry, operation and journal step as JSON.
///
/// Arrays are sorted by ID and keys are sorted, so two dumps of the same data are identical byte for byte and
/// diff cleanly. Entries are the model's own JSON with a `pending` key added when an operation marks them;
/// devices carry the derived `used`.
struct StoreDump: Encodable {
    var schemaVersion: Int
    var clusters: [Cluster]
    var nodes: [Flattened<Node>]
    var devices: [Flattened<Device>]
    var bricks: [Flattened<Brick>]
    var volumes: [Flattened<Volume>]
    var operations: [OperationRecord]
    var journal: [JournalEntry]

    /// A model value encoded with one extra key, `pending`, in the same JSON object.
    struct Flattened<Value: Encodable>: Encodable {
        var value: Value
        var pending: OperationID?

        private enum Key: String, CodingKey { case pending }

        func encode(to encoder: any Encoder) throws {
            try self.value.encode(to: encoder)
            if let pending = self.pending {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(pending, forKey: .pending)
            }
        }
    }

    init(entries: StoredEntries, operations: [OperationRecord], journal: [JournalEntry]) {
        let topology = entries.topology(includingPending: true)
        self.schemaVersion = StoreSchema.latestVersion
        self.clusters = entries.clusters
        self.nodes = entries.nodes.map { Flattened(value: $0.value, pending: $0.pending) }
        // The topology holds each device with `used` summed from its bricks.
        self.devices = entries.devices.map {
            Flattened(value: topology.devices[$0.value.id] ?? $0.value, pending: $0.pending)
        }
        self.bricks = entries.bricks.map { Flattened(value: $0.value, pending: $0.pending) }
        self.volumes = entries.volumes.map { Flattened(value: $0.value, pending: $0.pending) }
        self.operations = operations
        self.journal = journal
    }

    /// Pretty-printed, sorted-key UTF-8 JSON.
    func encoded() throws(StoreError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw .invalidValue("cannot encode the dump: \(error)")
        }
    }
}
