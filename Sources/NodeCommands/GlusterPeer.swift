public import Foundation

/// A member of the trusted storage pool, from `gluster peer status --xml` (the others) or `gluster pool list`
/// (all, this node as `localhost`): to tell whether a node was probed and is reachable.
public struct GlusterPeer: Hashable, Sendable {
    public var uuid: String
    public var hostname: String
    /// Every name the peer is known by (`peer status` lists them; `pool list` only one).
    public var hostnames: [String]
    public var connected: Bool
    /// Gluster's words for the peer's state, such as `Peer in Cluster`; empty from `pool list`.
    public var state: String

    public init(uuid: String, hostname: String, hostnames: [String], connected: Bool, state: String) {
        self.uuid = uuid
        self.hostname = hostname
        self.hostnames = hostnames
        self.connected = connected
        self.state = state
    }

    /// The peers in a `peer status --xml` reply.
    public static func parsePeerStatus(_ data: Data) throws(NodeOutputError) -> [GlusterPeer] {
        let root = try GlusterReply.parse(data)
        guard let status = root.child("peerStatus") else {
            throw .malformed(tool: GlusterReply.tool, reason: "<cliOutput> has no <peerStatus>")
        }
        var peers: [GlusterPeer] = []
        for peer in status.children("peer") {
            let hostname = try GlusterReply.required("hostname", in: peer)
            let names = peer.child("hostnames")?.children("hostname").map { $0.text.trimmingSpacesAndNewlines() }
            peers.append(
                GlusterPeer(
                    uuid: try GlusterReply.required("uuid", in: peer), hostname: hostname,
                    hostnames: names ?? [hostname], connected: peer.value("connected") == "1",
                    state: peer.value("stateStr") ?? ""))
        }
        return peers
    }

    public static func parsePeerStatus(_ text: String) throws(NodeOutputError) -> [GlusterPeer] {
        try Self.parsePeerStatus(Data(text.utf8))
    }

    /// The rows of `pool list`: a `UUID Hostname State` header, then one tab-separated row per member.
    public static func parsePoolList(_ text: String) throws(NodeOutputError) -> [GlusterPeer] {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingSpacesAndNewlines().isEmpty }
        guard let header = lines.first,
            header.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) == [
                "UUID", "Hostname", "State",
            ]
        else {
            throw .malformed(tool: GlusterReply.tool, reason: "pool list without its header: \(text.excerpt)")
        }
        lines.removeFirst()
        var peers: [GlusterPeer] = []
        for line in lines {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count == 3, fields[0].count == 36, ["Connected", "Disconnected"].contains(fields[2]) else {
                throw .malformed(
                    tool: GlusterReply.tool, reason: "pool list row is not 'UUID host state': \(line.excerpt)")
            }
            peers.append(
                GlusterPeer(
                    uuid: fields[0], hostname: fields[1], hostnames: [fields[1]], connected: fields[2] == "Connected",
                    state: ""))
        }
        return peers
    }
}
