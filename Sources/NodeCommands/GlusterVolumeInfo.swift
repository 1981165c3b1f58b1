public import Foundation
public import StorageModel

/// One volume as `gluster volume info --xml` describes it: what the pool really has, to compare with what
/// Brickyard believes.
public struct GlusterVolumeInfo: Hashable, Sendable {
    /// The volume's lifecycle state in glusterd.
    public enum Status: Hashable, Sendable {
        case created
        case started
        case stopped
        /// A code this parser does not know, with gluster's own word for it.
        case other(code: Int, text: String)
    }

    /// One brick, in the volume's order (sets are consecutive runs of `replicaCount` or `disperseCount`).
    public struct Brick: Hashable, Sendable {
        public var address: BrickAddress
        /// The UUID of the peer that hosts the brick.
        public var hostUUID: String
        public var isArbiter: Bool

        public init(address: BrickAddress, hostUUID: String, isArbiter: Bool) {
            self.address = address
            self.hostUUID = hostUUID
            self.isArbiter = isArbiter
        }
    }

    public var name: String
    /// Gluster's UUID of the volume.
    public var id: String
    public var status: Status
    /// Gluster's type name: `Distribute`, `Replicate`, `Distributed-Replicate`, `Disperse`, ...
    public var typeName: String
    public var brickCount: Int
    public var distributeCount: Int
    public var replicaCount: Int
    public var arbiterCount: Int
    public var disperseCount: Int
    public var redundancyCount: Int
    public var bricks: [Brick]
    /// Options set on the volume, in gluster's order.
    public var options: [VolumeOption]

    public init(
        name: String, id: String, status: Status, typeName: String, brickCount: Int, distributeCount: Int,
        replicaCount: Int, arbiterCount: Int, disperseCount: Int, redundancyCount: Int, bricks: [Brick],
        options: [VolumeOption]
    ) {
        self.name = name
        self.id = id
        self.status = status
        self.typeName = typeName
        self.brickCount = brickCount
        self.distributeCount = distributeCount
        self.replicaCount = replicaCount
        self.arbiterCount = arbiterCount
        self.disperseCount = disperseCount
        self.redundancyCount = redundancyCount
        self.bricks = bricks
        self.options = options
    }

    /// The volume's shape in Brickyard's terms, or nil for one Brickyard cannot make (such as replica 2
    /// arbiter 1, or a disperse shape with no data fragments).
    public var durability: Durability? {
        if self.disperseCount > 0 {
            let data = self.disperseCount - self.redundancyCount
            return data > 0 ? .disperse(data: data, redundancy: self.redundancyCount) : nil
        }
        if self.arbiterCount > 0 {
            return self.replicaCount == 3 && self.arbiterCount == 1 ? .arbiter : nil
        }
        return self.replicaCount > 1 ? .replicate(self.replicaCount) : .distribute
    }

    /// The value of an option, if set.
    public func option(_ key: String) -> String? {
        self.options.first { $0.key == key }?.value
    }

    /// Every volume in a `volume info --xml` reply.
    public static func parse(_ data: Data) throws(NodeOutputError) -> [GlusterVolumeInfo] {
        let root = try GlusterReply.parse(data)
        guard let volumes = root.descendant("volInfo", "volumes") else {
            // `volume info` with no volumes at all answers without a <volumes> element.
            if root.child("volInfo") != nil { return [] }
            throw .malformed(tool: GlusterReply.tool, reason: "<cliOutput> has no <volInfo>")
        }
        var result: [GlusterVolumeInfo] = []
        for volume in volumes.children("volume") {
            result.append(try Self.volume(from: volume))
        }
        return result
    }

    public static func parse(_ text: String) throws(NodeOutputError) -> [GlusterVolumeInfo] {
        try Self.parse(Data(text.utf8))
    }

    static func volume(from element: XMLTree) throws(NodeOutputError) -> GlusterVolumeInfo {
        let statusCode = try GlusterReply.integer("status", in: element)
        let statusText = element.value("statusStr") ?? ""
        let status: Status
        switch statusCode {
        case 0: status = .created
        case 1: status = .started
        case 2: status = .stopped
        default: status = .other(code: statusCode, text: statusText)
        }
        var bricks: [Brick] = []
        for brick in element.child("bricks")?.children("brick") ?? [] {
            let nameText = brick.value("name") ?? brick.text.trimmingSpacesAndNewlines()
            guard let address = BrickAddress(parsing: nameText) else {
                throw .malformed(tool: GlusterReply.tool, reason: "brick name is not host:/path: \(nameText.excerpt)")
            }
            bricks.append(
                Brick(
                    address: address, hostUUID: brick.value("hostUuid") ?? brick.attributes["uuid"] ?? "",
                    isArbiter: brick.value("isArbiter") == "1"))
        }
        var options: [VolumeOption] = []
        for option in element.child("options")?.children("option") ?? [] {
            let key = try GlusterReply.required("name", in: option)
            options.append(VolumeOption(key: key, value: option.value("value") ?? ""))
        }
        return GlusterVolumeInfo(
            name: try GlusterReply.required("name", in: element),
            id: try GlusterReply.required("id", in: element),
            status: status,
            typeName: element.value("typeStr") ?? "",
            brickCount: try GlusterReply.integer("brickCount", in: element),
            distributeCount: element.value("distCount").flatMap { Int($0) } ?? 1,
            replicaCount: element.value("replicaCount").flatMap { Int($0) } ?? 1,
            arbiterCount: element.value("arbiterCount").flatMap { Int($0) } ?? 0,
            disperseCount: element.value("disperseCount").flatMap { Int($0) } ?? 0,
            redundancyCount: element.value("redundancyCount").flatMap { Int($0) } ?? 0,
            bricks: bricks,
            options: options)
    }
}
