/// `GET /internal/state/examine/gluster`: the store compared with what the nodes report, one finding per
/// difference (`heketi-cli server state examine gluster`).
public struct GlusterExaminationResponse: Codable, Hashable, Sendable {
    /// No finding: every node answered and holds what the store says.
    public var clean: Bool
    /// Nodes asked, and volumes the store holds.
    public var nodes: Int
    public var volumes: Int
    public var findings: [Finding]

    public struct Finding: Codable, Hashable, Sendable {
        /// What kind of difference: `volume_stopped`, `brick_missing`, `node_unreachable`, ...
        public var kind: String
        /// What it concerns: a volume name, a host, a device path.
        public var subject: String
        public var detail: String

        public init(kind: String, subject: String, detail: String) {
            self.kind = kind
            self.subject = subject
            self.detail = detail
        }
    }

    public init(clean: Bool, nodes: Int, volumes: Int, findings: [Finding]) {
        self.clean = clean
        self.nodes = nodes
        self.volumes = volumes
        self.findings = findings
    }
}
