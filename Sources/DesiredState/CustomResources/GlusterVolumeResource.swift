import StorageModel

/// `GlusterVolume` (namespaced, `gv`): a volume someone wants, read as a `VolumeClaim`. Its rules are the model's:
/// `Volume.validate(name:)`, `validate(size:)`, `validate(gid:)`, the durability shapes Heketi accepts, the snapshot
/// factor's bounds, and option keys (Brickyard's own `user.heketi.` and `user.brickyard.` options refused).
public enum GlusterVolumeResource {
    public static let durabilityTypes = ["Replicate", "Disperse", "None"]
    public static let defaultDurabilityType = "Replicate"
    public static let defaultReplica = 3
    /// A disperse volume without `disperse` is 4+2, as Heketi's default.
    public static let defaultDisperse = (data: 4, redundancy: 2)
    public static let deletionPolicies = ["Retain", "Delete"]
    public static let defaultDeletionPolicy = "Retain"
    /// The phases `status.phase` takes: the condition vocabulary `brickyard status` reports.
    public static let phases = ["Progressing", "Ready", "Degraded"]
    /// Bounds that let the apiserver estimate the cost of the options rule (Brickyard checks them too).
    public static let maximumOptions = 64
    public static let maximumOptionValueLength = 1024

    static let shapes = Durability.supportedDisperse.map { "(self.disperse.data == \($0.data) && self.disperse.redundancy == \($0.redundancy))" }

    static let durability: ResourceSchema = .object(
        "How the volume survives failures; fixed when the volume is made.",
        [
            .field(
                "type",
                .string("Replicate (full copies), Disperse (erasure coding) or None (plain distribute).")
                    .oneOf(Self.durabilityTypes).defaulted(.string(Self.defaultDurabilityType))),
            .field(
                "replica",
                .integer("Copies of each file for Replicate.")
                    .bounded(minimum: 2, maximum: Double(Durability.maximumReplica))
                    .defaulted(.integer(Int64(Self.defaultReplica)))),
            .field(
                "arbiter",
                .boolean("Replica 3 with the third copy a metadata-only arbiter brick.").defaulted(.boolean(false))),
            .field(
                "disperse",
                .object(
                    "Fragments of each file for Disperse: \(Durability.supportedDisperse.map { "\($0.data)+\($0.redundancy)" }.joined(separator: ", ")) (default 4+2).",
                    required: ["data", "redundancy"],
                    [
                        .field("data", .integer("Data fragments.").bounded(minimum: 2, maximum: 8)),
                        .field("redundancy", .integer("Parity fragments.").bounded(minimum: 1, maximum: 4)),
                    ])),
        ]
    )
    .defaulted(.emptyObject)
    .validated(
        ValidationRule("self == oldSelf", message: "durability cannot be changed once the volume exists"),
        ValidationRule(
            "!self.arbiter || (self.type == 'Replicate' && self.replica == 3)",
            message: "arbiter volumes are Replicate with replica 3"),
        ValidationRule("!has(self.disperse) || self.type == 'Disperse'", message: "disperse is given only for type Disperse"),
        ValidationRule(
            "!has(self.disperse) || " + Self.shapes.joined(separator: " || "),
            message: "disperse must be one of "
                + Durability.supportedDisperse.map { "\($0.data)+\($0.redundancy)" }.joined(separator: ", ")))

    public static let spec: ResourceSchema = .object(
        "The volume wanted.", required: ["size"],
        [
            .field(
                "size",
                .quantity(
                    "The usable size: a quantity such as 10Gi or 1Ti, or an integer of bytes; rounded up to whole GiB, at least 1Gi. It may only grow."
                ).validated(
                    ValidationRule(
                        "quantity(string(self)).compareTo(quantity(string(oldSelf))) >= 0",
                        message: "size may only grow", minimumKubernetesMinor: ValidationRule.quantityLibraryMinor),
                    ValidationRule(
                        "quantity(string(self)).compareTo(quantity('1Gi')) >= 0", message: "size is at least 1Gi",
                        minimumKubernetesMinor: ValidationRule.quantityLibraryMinor))),
            .field("durability", Self.durability),
            .field(
                "options",
                .map(
                    "Gluster volume options (gluster volume set), option to value; user.heketi.* and user.brickyard.* are Brickyard's own.",
                    of: .string("The option's value.").limited(minLength: 1, maxLength: Self.maximumOptionValueLength)
                ).limited(count: Self.maximumOptions).validated(
                    ValidationRule(
                        "self.all(key, " + VolumeClaim.ownedOptionPrefixes.map { "!key.startsWith('\($0)')" }
                            .joined(separator: " && ") + ")",
                        message: "user.heketi.* and user.brickyard.* options are Brickyard's own"))),
            .field(
                "gid",
                .integer("The group owning the brick roots (mode 2775).").formatted("int64")
                    .bounded(minimum: 0, maximum: Double(Volume.maximumGid))),
            .field(
                "snapshotFactor",
                .number("Thin-pool space for snapshots as a multiple of the brick size; absent: snapshots off.")
                    .bounded(minimum: SnapshotSettings.minimumFactor, maximum: SnapshotSettings.maximumFactor)
                    .validated(ValidationRule("self == oldSelf", message: "snapshotFactor cannot be changed"))),
            .field("cluster", .string("The GlusterCluster the volume is placed in; any cluster when absent.")),
            .field(
                "deletionPolicy",
                .string("What happens to the volume when this object is deleted: Retain keeps it, Delete deletes it.")
                    .oneOf(Self.deletionPolicies).defaulted(.string(Self.defaultDeletionPolicy))),
            .field(
                "volumeName",
                .string("The Gluster volume's name; <namespace>_<name> (dots as underscores) when absent.")
                    .limited(maxLength: Volume.maximumNameLength).matching("^[a-zA-Z0-9_-]+$")),
        ]
    ).validated(
        Self.unchanged("volumeName"), Self.unchanged("cluster"),
        ValidationRule(
            "has(self.snapshotFactor) == has(oldSelf.snapshotFactor)", message: "snapshots cannot be turned on or off"))

    /// A transition rule keeping an optional field as it was first given (or absent).
    static func unchanged(_ field: String) -> ValidationRule {
        ValidationRule(
            "has(self.\(field)) == has(oldSelf.\(field)) && (!has(self.\(field)) || self.\(field) == oldSelf.\(field))",
            message: "\(field) cannot be changed")
    }

    public static let status: ResourceSchema = .object(
        "What Brickyard last observed of the volume.",
        [
            .field("phase", .string("Progressing, Ready or Degraded.").oneOf(Self.phases)),
            .field("conditions", StatusSchemas.conditions),
            .field("observedGeneration", StatusSchemas.observedGeneration),
            .field("volumeID", .string("The volume's id.")),
            .field("volumeName", .string("The Gluster volume's name.")),
            .field(
                "bricks",
                .array(
                    "Where the volume's bricks are.",
                    of: .object(
                        "One brick.",
                        [
                            .field("node", .string("The GlusterNode holding the brick.")),
                            .field("device", .string("The device holding the brick.")),
                            .field("path", .string("The brick's path on the node.")),
                            .field("size", .quantity("The brick's size.")),
                            .field("set", .integer("The brick set (replica or disperse group) the brick is in.").bounded(minimum: 0)),
                        ]))),
            .field(
                "mount",
                .object(
                    "How clients mount the volume.",
                    [
                        .field("source", .string("host:/volume for mount -t glusterfs.")),
                        .field("backupServers", .array("Other servers to fetch the volume file from.", of: .string("A host."))),
                    ])),
            .field("capacity", .quantity("The volume's usable size.")),
        ])

    public static let kind = CustomResourceKind(
        kind: "GlusterVolume", plural: "glustervolumes", shortNames: ["gv"], scope: .namespaced,
        description: "A GlusterFS volume Brickyard makes and keeps as asked.", spec: Self.spec, status: Self.status,
        printerColumns: [
            .init("Size", type: "string", jsonPath: ".spec.size", description: "The size asked for."),
            .init("Type", type: "string", jsonPath: ".spec.durability.type", description: "The durability type."),
            .init("Phase", type: "string", jsonPath: ".status.phase", description: "Progressing, Ready or Degraded."),
            .init("Volume", type: "string", jsonPath: ".status.volumeName", description: "The Gluster volume.", priority: 1),
            StatusSchemas.ageColumn,
        ])
}
