import StorageModel

/// `GlusterCluster` (cluster-scoped, `gcl`): a trusted storage pool, read as a `DesiredCluster` whose nodes are the
/// `GlusterNode`s naming it, with its settings (`DesiredClusterSettings`).
public enum GlusterClusterResource {
    /// The allocator's names (`ZoneChecking`): None spreads sets over zones when it can, Strict refuses otherwise.
    public static let zoneCheckingValues = ["None", "Strict"]
    /// The allocator's default, `ZoneChecking.preferred`.
    public static let defaultZoneChecking = "None"
    public static let defaultZoneLabel = "topology.kubernetes.io/zone"
    public static let defaultSSHPort = 22

    static let placement: ResourceSchema = .object(
        "How bricks are placed.",
        [
            .field(
                "zoneChecking",
                .string("None: members of a brick set go to distinct zones when there are enough; Strict: always, or the volume is refused.")
                    .oneOf(Self.zoneCheckingValues).defaulted(.string(Self.defaultZoneChecking))),
            .field(
                "brickSize",
                .object(
                    "The smallest and largest brick made; larger volumes are split into more brick sets.",
                    [
                        .field("min", .quantity("The smallest brick (default 1Gi).")),
                        .field("max", .quantity("The largest brick (default 4Ti).")),
                    ]
                ).validated(
                    ValidationRule(
                        "!has(self.min) || !has(self.max) || quantity(string(self.min)).compareTo(quantity(string(self.max))) <= 0",
                        message: "brickSize.min is at most brickSize.max",
                        minimumKubernetesMinor: ValidationRule.quantityLibraryMinor))),
        ])

    static let access: ResourceSchema = .object(
        "How Brickyard runs commands on the nodes: exactly one of kubectlExec and ssh.",
        [
            .field(
                "kubectlExec",
                .object(
                    "In the glusterd pods: the pod on each node is found by a label selector or a DaemonSet's pods.",
                    required: ["namespace"],
                    [
                        .field("namespace", .string("The namespace of the glusterd pods.")),
                        .field("labelSelector", .string("A label selector of the glusterd pods, such as app=glusterfs.")),
                        .field("daemonSet", .string("The DaemonSet whose pods run glusterd.")),
                        .field("container", .string("The container to exec in; the pod's first when absent.")),
                    ]
                ).validated(
                    ValidationRule(
                        "has(self.labelSelector) != has(self.daemonSet)",
                        message: "give exactly one of labelSelector and daemonSet"))),
            .field(
                "ssh",
                .object(
                    "Over ssh to each node's manage hostname.", required: ["keyFile"],
                    [
                        .field("user", .string("The remote user (default root).")),
                        .field(
                            "port",
                            .integer("The ssh port.").bounded(minimum: 1, maximum: 65535)
                                .defaulted(.integer(Int64(Self.defaultSSHPort)))),
                        .field("keyFile", .string("The private key's path in the Brickyard pod.")),
                    ])),
        ]
    ).validated(ValidationRule("has(self.kubectlExec) != has(self.ssh)", message: "give exactly one of kubectlExec and ssh"))

    public static let spec: ResourceSchema = .object(
        "The cluster wanted.",
        [
            .field("placement", Self.placement),
            .field("access", Self.access),
            .field(
                "zoneLabel",
                .string("The Kubernetes node label that gives a node's zone.").defaulted(.string(Self.defaultZoneLabel))),
        ])

    public static let status: ResourceSchema = .object(
        "What Brickyard last observed of the cluster.",
        [
            .field("conditions", StatusSchemas.conditions),
            .field("observedGeneration", StatusSchemas.observedGeneration),
            .field("clusterID", .string("The cluster's id in Brickyard's store.")),
            .field("nodes", .integer("How many nodes the cluster has.").bounded(minimum: 0)),
            .field("volumes", .integer("How many volumes the cluster has.").bounded(minimum: 0)),
            .field("capacity", .quantity("The devices' total size.")),
            .field("free", .quantity("Space free for new bricks.")),
        ])

    public static let kind = CustomResourceKind(
        kind: "GlusterCluster", plural: "glusterclusters", shortNames: ["gcl"], scope: .cluster,
        description: "A Gluster trusted storage pool Brickyard manages; its nodes are the GlusterNodes that name it.",
        spec: Self.spec, status: Self.status,
        printerColumns: [
            .init("Nodes", type: "integer", jsonPath: ".status.nodes", description: "Nodes in the cluster."),
            .init("Volumes", type: "integer", jsonPath: ".status.volumes", description: "Volumes in the cluster."),
            .init("Free", type: "string", jsonPath: ".status.free", description: "Space free for new bricks.", priority: 1),
            StatusSchemas.readyColumn,
            StatusSchemas.ageColumn,
        ])
}
