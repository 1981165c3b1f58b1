public import Foundation

/// Entries waiting for self-heal on each brick, from `gluster volume heal NAME info --xml`: a replaced brick is
/// refilled when every count reaches zero.
public struct GlusterHealInfo: Hashable, Sendable {
    public struct Brick: Hashable, Sendable {
        public var address: BrickAddress
        /// `Connected`, or what gluster says instead (`Transport endpoint is not connected`).
        public var status: String
        /// Entries still to heal; nil when gluster could not count them (`-` for an unreachable brick).
        public var entries: Int?

        public init(address: BrickAddress, status: String, entries: Int?) {
            self.address = address
            self.status = status
            self.entries = entries
        }

        public var connected: Bool { self.status == "Connected" }
    }

    public var bricks: [Brick]

    public init(bricks: [Brick]) {
        self.bricks = bricks
    }

    /// True when every brick is reachable and has nothing to heal.
    public var isHealed: Bool {
        self.bricks.allSatisfy { $0.connected && $0.entries == 0 }
    }

    public static func parse(_ data: Data) throws(NodeOutputError) -> GlusterHealInfo {
        let root = try GlusterReply.parse(data)
        guard let list = root.descendant("healInfo", "bricks") else {
            throw .malformed(tool: GlusterReply.tool, reason: "<cliOutput> has no <healInfo><bricks>")
        }
        var bricks: [Brick] = []
        for brick in list.children("brick") {
            let name = try GlusterReply.required("name", in: brick)
            guard let address = BrickAddress(parsing: name) else {
                throw .malformed(tool: GlusterReply.tool, reason: "brick name is not host:/path: \(name.excerpt)")
            }
            bricks.append(
                Brick(
                    address: address, status: brick.value("status") ?? "",
                    entries: brick.value("numberOfEntries").flatMap { Int($0) }))
        }
        return GlusterHealInfo(bricks: bricks)
    }

    public static func parse(_ text: String) throws(NodeOutputError) -> GlusterHealInfo {
        try Self.parse(Data(text.utf8))
    }
}
