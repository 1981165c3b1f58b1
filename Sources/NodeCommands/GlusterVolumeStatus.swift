public import Foundation

/// The processes serving a volume, from `gluster volume status NAME --xml`: whether each brick is online, on
/// which port and pid. Daemons (self-heal, NFS) are listed too, and kept apart from bricks.
public struct GlusterVolumeStatus: Hashable, Sendable {
    /// One line of the status table.
    public struct Process: Hashable, Sendable {
        /// The host, or a daemon's name (`Self-heal Daemon`).
        public var hostname: String
        /// The brick directory, or the host a daemon runs on.
        public var path: String
        /// The UUID of the peer running it.
        public var peerID: String
        public var online: Bool
        /// The TCP port; nil when gluster says `N/A`.
        public var port: Int?
        /// The process id; nil when not running.
        public var pid: Int?

        public init(hostname: String, path: String, peerID: String, online: Bool, port: Int?, pid: Int?) {
            self.hostname = hostname
            self.path = path
            self.peerID = peerID
            self.online = online
            self.port = port
            self.pid = pid
        }

        /// A brick's path is absolute; a daemon's is a host name.
        public var isBrick: Bool { self.path.hasPrefix("/") }

        public var brickAddress: BrickAddress { BrickAddress(host: self.hostname, path: self.path) }
    }

    public var volume: String
    public var processes: [Process]

    public init(volume: String, processes: [Process]) {
        self.volume = volume
        self.processes = processes
    }

    /// The brick processes, in gluster's order.
    public var bricks: [Process] { self.processes.filter(\.isBrick) }

    /// Each volume in a `volume status --xml` reply (one for a named volume, all for `volume status all`).
    public static func parse(_ data: Data) throws(NodeOutputError) -> [GlusterVolumeStatus] {
        let root = try GlusterReply.parse(data)
        guard let volumes = root.descendant("volStatus", "volumes") else {
            throw .malformed(tool: GlusterReply.tool, reason: "<cliOutput> has no <volStatus><volumes>")
        }
        var result: [GlusterVolumeStatus] = []
        for volume in volumes.children("volume") {
            var processes: [Process] = []
            for node in volume.children("node") {
                processes.append(
                    Process(
                        hostname: try GlusterReply.required("hostname", in: node),
                        path: try GlusterReply.required("path", in: node),
                        peerID: node.value("peerid") ?? "",
                        online: node.value("status") == "1",
                        port: Self.number(node.value("port") ?? node.child("ports")?.value("tcp")),
                        pid: Self.number(node.value("pid"))))
            }
            let name = try GlusterReply.required("volName", in: volume)
            result.append(GlusterVolumeStatus(volume: name, processes: processes))
        }
        return result
    }

    public static func parse(_ text: String) throws(NodeOutputError) -> [GlusterVolumeStatus] {
        try Self.parse(Data(text.utf8))
    }

    /// A positive number, or nil for `N/A`, `-1` and the like.
    static func number(_ text: String?) -> Int? {
        guard let text, let value = Int(text), value > 0 else { return nil }
        return value
    }
}
