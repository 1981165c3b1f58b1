/// A trusted storage pool: the nodes whose devices a volume's bricks may use. Volumes never cross clusters.
public struct Cluster: Hashable, Sendable, Codable {
    public var id: ClusterID
    /// Whether file volumes may be created here (Heketi's `file` flag).
    public var allowsFileVolumes: Bool
    /// Whether block-hosting volumes may be created here (Heketi's `block` flag).
    public var allowsBlockVolumes: Bool

    public init(id: ClusterID, allowsFileVolumes: Bool = true, allowsBlockVolumes: Bool = true) {
        self.id = id
        self.allowsFileVolumes = allowsFileVolumes
        self.allowsBlockVolumes = allowsBlockVolumes
    }
}
