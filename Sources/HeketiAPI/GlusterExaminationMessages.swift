/// `GET /internal/state/examine/gluster`: the store compared with what the Gluster nodes hold.
///
/// `{"clean": bool, "nodes": N, "volumes": M, "findings": [{"kind", "subject", "detail"}]}`: `nodes` and `volumes`
/// count what was examined; each finding is one difference (`kind` such as `missing-brick`, the `subject` it is about,
/// and a sentence of `detail`).
public struct GlusterExaminationResponse: Codable, Hashable, Sendable {
    public var clean: Bool
    public var nodes: Int
    public var volumes: Int
    public var findings: [Finding]

    public struct Finding: Codable, Hashable, Sendable {
        public var kind: String
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
