public import DesiredState
public import StorageModel

/// The stored volumes by the claim recorded on them and by name, built once per read of the store: planning one
/// claim then looks its volumes up instead of scanning every volume (10,000 claims would otherwise cost 10⁸ option
/// reads per pass).
public struct ClaimIndex: Sendable {
    /// Each claim's volumes, by name.
    public let byClaim: [ClaimReference: [Volume]]
    /// Volumes of each name (names are unique per cluster, not across clusters), by id.
    public let byName: [String: [Volume]]

    public init(_ topology: Topology) {
        var byClaim: [ClaimReference: [Volume]] = [:]
        var byName: [String: [Volume]] = [:]
        for volume in topology.volumes.values {
            if let reference = ReconcilePlanner.reference(of: volume) { byClaim[reference, default: []].append(volume) }
            byName[volume.name, default: []].append(volume)
        }
        // Nearly every claim has one volume and every name one: only the rare longer lists are sorted, in place.
        for index in byClaim.indices where byClaim.values[index].count > 1 {
            byClaim.values[index].sort { $0.name < $1.name }
        }
        for index in byName.indices where byName.values[index].count > 1 {
            byName.values[index].sort { $0.id < $1.id }
        }
        self.byClaim = byClaim
        self.byName = byName
    }

    /// The claims of `source` that have a volume.
    public func claims(of source: String) -> [ClaimReference] {
        self.byClaim.keys.filter { $0.source == source }.sorted()
    }
}
