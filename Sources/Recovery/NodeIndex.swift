import StorageModel

/// Finds the node a brick address (`host:/path`) belongs to: by storage hostname, by manage hostname, or by the
/// glusterd UUID that serves the brick.
struct NodeIndex {
    private var byHost: [String: RecoveryHints.Node] = [:]
    private var byUUID: [String: RecoveryHints.Node] = [:]

    init(observed: ObservedState, hints: RecoveryHints) {
        for hint in hints.nodes {
            self.byHost[hint.storageHostname] = hint
            if let uuid = observed.node(hint.manageHostname)?.uuid { self.byUUID[uuid] = hint }
        }
        for hint in hints.nodes where self.byHost[hint.manageHostname] == nil {
            self.byHost[hint.manageHostname] = hint
        }
    }

    /// The node and the path on it, nil when no recovered node serves the brick.
    func resolve(_ brick: ObservedState.Brick) -> (RecoveryHints.Node, String)? {
        let address = brick.address
        guard let colon = address.indices.first(where: { address[$0] == ":" && address[address.index(after: $0)...].first == "/" })
        else { return nil }
        let host = String(address[..<colon])
        let path = String(address[address.index(after: colon)...])
        guard let node = self.byHost[host] ?? brick.hostUUID.flatMap({ self.byUUID[$0] }) else { return nil }
        return (node, path)
    }
}
