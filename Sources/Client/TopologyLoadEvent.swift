/// What `topology load` did with one item of the file, reported as soon as it is known so a long load shows its
/// progress, and collected for `--output json`.
public struct TopologyLoadEvent: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case cluster, node, device
    }

    public enum Outcome: String, Codable, Sendable {
        /// Made by this load.
        case created
        /// Already there: left as it is.
        case found
        /// The server refused it; `message` says why. Later items are still tried.
        case failed
    }

    public var kind: Kind
    public var outcome: Outcome
    /// The node's management hostname or the device's path; empty for a cluster.
    public var name: String
    /// The object's id, when it exists.
    public var id: String?
    /// The cluster (for a node) or the node (for a device) it belongs to.
    public var parent: String?
    public var message: String?

    public init(
        kind: Kind, outcome: Outcome, name: String = "", id: String? = nil, parent: String? = nil,
        message: String? = nil
    ) {
        self.kind = kind
        self.outcome = outcome
        self.name = name
        self.id = id
        self.parent = parent
        self.message = message
    }
}
