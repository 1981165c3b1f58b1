import StorageModel

/// `GlusterNode` (cluster-scoped, `gn`): one Gluster server and its devices, read as a `DesiredNode` of the
/// `GlusterCluster` its `spec.cluster` names. Its rules are the model's: `Hostname.validate`, `Node.validate(zone:)`,
/// `Device.validate(name:)` and `Tags`.
public enum GlusterNodeResource {
    public static let defaultZone = 1

    static func tags(_ description: String) -> ResourceSchema {
        .map(description, of: .string("The tag's value.").limited(maxLength: Tags.maximumValueLength))
            .limited(count: Tags.maximumCount)
    }

    static let device: ResourceSchema = .object(
        "A block device Brickyard may put bricks on.", required: ["name"],
        [
            .field(
                "name",
                .string("The device's path, such as /dev/disk/by-id/wwn-0x5000c500a1b2c3d4.")
                    .limited(maxLength: Device.maximumNameLength).matching("^/[a-zA-Z0-9_.:/-]+$")),
            .field(
                "destroyData",
                .boolean("Wipe what the device holds before using it.").defaulted(.boolean(false))),
            .field("tags", Self.tags("Tags of the device, overriding the node's.")),
        ])

    public static let spec: ResourceSchema = .object(
        "The node wanted.", required: ["cluster", "manageHostname", "storageHostname"],
        [
            .field("cluster", .string("The GlusterCluster the node belongs to.").validated(
                ValidationRule("self == oldSelf", message: "a node does not move to another cluster"))),
            .field(
                "manageHostname",
                .string("The host name or address Brickyard runs commands on.").limited(maxLength: Hostname.maximumLength)),
            .field(
                "storageHostname",
                .string("The host name or address clients and peers reach the bricks at.")
                    .limited(maxLength: Hostname.maximumLength)),
            .field(
                "zone",
                .integer("The failure zone; members of a brick set go to distinct zones.").bounded(minimum: 1)
                    .defaulted(.integer(Int64(Self.defaultZone)))),
            .field("tags", Self.tags("Tags of the node (names [a-zA-Z0-9_.-], up to 32 characters).")),
            .field("devices", .array("The node's devices.", of: Self.device).uniqueBy("name")),
        ])

    public static let status: ResourceSchema = .object(
        "What Brickyard last observed of the node.",
        [
            .field("nodeID", .string("The node's glusterd UUID.")),
            .field("peerState", .string("The peer state glusterd reports, such as Peer in Cluster (Connected).")),
            .field("deviceCount", .integer("How many devices the node has in the store.").bounded(minimum: 0)),
            .field("capacity", .quantity("The devices' total size.")),
            .field("free", .quantity("Space free for new bricks.")),
            .field(
                "devices",
                .array(
                    "The node's devices as the store has them.",
                    of: .object(
                        "One device.",
                        [
                            .field("name", .string("The device's path.")),
                            .field("id", .string("The device's id.")),
                            .field("size", .quantity("The device's size.")),
                            .field("used", .quantity("Space bricks take.")),
                            .field("free", .quantity("Space free for new bricks.")),
                            .field("bricks", .integer("How many bricks the device holds.").bounded(minimum: 0)),
                            .field("state", .string("online, offline or failed.")),
                        ]))),
            .field("conditions", StatusSchemas.conditions),
            .field("observedGeneration", StatusSchemas.observedGeneration),
        ])

    public static let kind = CustomResourceKind(
        kind: "GlusterNode", plural: "glusternodes", shortNames: ["gn"], scope: .cluster,
        description: "A Gluster server of a GlusterCluster and the devices Brickyard may use on it.", spec: Self.spec,
        status: Self.status,
        printerColumns: [
            .init("Cluster", type: "string", jsonPath: ".spec.cluster", description: "The node's cluster.", priority: 1),
            .init("Zone", type: "integer", jsonPath: ".spec.zone", description: "The failure zone."),
            .init("Devices", type: "integer", jsonPath: ".status.deviceCount", description: "Devices in the store."),
            .init("Free", type: "string", jsonPath: ".status.free", description: "Space free for new bricks."),
            StatusSchemas.readyColumn,
            StatusSchemas.ageColumn,
        ])
}
