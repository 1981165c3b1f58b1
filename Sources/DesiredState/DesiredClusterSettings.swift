public import StorageModel

/// What a `GlusterCluster` says beyond its nodes: how bricks are placed, how Brickyard reaches the nodes, and which
/// Kubernetes node label gives a zone. A cluster of a Heketi topology has the defaults.
public struct DesiredClusterSettings: Hashable, Sendable {
    /// The allocator's zone rule (`ZoneChecking`), by the names the resource uses.
    public enum ZoneChecking: String, Hashable, Sendable, CaseIterable {
        /// Distinct zones when the cluster has enough (the allocator's `preferred`, Heketi's `none`).
        case none = "None"
        /// Distinct zones or the volume is refused.
        case strict = "Strict"
    }

    /// How commands reach each node.
    public enum Access: Hashable, Sendable {
        /// `kubectl exec` into the glusterd pod on the node, found by `selector`.
        case kubectlExec(namespace: String, selector: PodSelector, container: String?)
        /// ssh to the node's manage hostname.
        case ssh(user: String?, port: Int, keyFile: String)
    }

    /// Which pods run glusterd.
    public enum PodSelector: Hashable, Sendable {
        case labelSelector(String)
        case daemonSet(String)
    }

    public var zoneChecking: ZoneChecking
    /// Bounds on brick sizes; nil: the server's configuration.
    public var minimumBrickSize: ByteCount?
    public var maximumBrickSize: ByteCount?
    /// nil: the server's configuration.
    public var access: Access?
    public var zoneLabel: String

    public init(
        zoneChecking: ZoneChecking = .none, minimumBrickSize: ByteCount? = nil,
        maximumBrickSize: ByteCount? = nil, access: Access? = nil,
        zoneLabel: String = GlusterClusterResource.defaultZoneLabel
    ) {
        self.zoneChecking = zoneChecking
        self.minimumBrickSize = minimumBrickSize
        self.maximumBrickSize = maximumBrickSize
        self.access = access
        self.zoneLabel = zoneLabel
    }
}
