/// One custom resource as Brickyard defines it: its names, scope, schema and printer columns. The CRD manifests
/// are rendered from it (`CustomResourceRenderer`) and the documents reader checks documents against its schema, so
/// there is one description of each kind.
public struct CustomResourceKind: Hashable, Sendable {
    public enum Scope: String, Hashable, Sendable {
        case cluster = "Cluster"
        case namespaced = "Namespaced"
    }

    /// A column `kubectl get` prints.
    public struct PrinterColumn: Hashable, Sendable {
        public var name: String
        /// `string`, `integer`, `number`, `boolean` or `date`.
        public var type: String
        /// A simple JSONPath into the object, such as `.status.phase`.
        public var jsonPath: String
        public var description: String
        /// 0 for the default view; 1 for `-o wide` only.
        public var priority: Int

        public init(_ name: String, type: String, jsonPath: String, description: String, priority: Int = 0) {
            self.name = name
            self.type = type
            self.jsonPath = jsonPath
            self.description = description
            self.priority = priority
        }
    }

    public var kind: String
    public var plural: String
    public var singular: String
    public var shortNames: [String]
    public var categories: [String]
    public var scope: Scope
    public var description: String
    public var spec: ResourceSchema
    public var status: ResourceSchema
    public var printerColumns: [PrinterColumn]

    public init(
        kind: String, plural: String, shortNames: [String], scope: Scope, description: String, spec: ResourceSchema,
        status: ResourceSchema, printerColumns: [PrinterColumn]
    ) {
        self.kind = kind
        self.plural = plural
        self.singular = kind.lowercased()
        self.shortNames = shortNames
        self.categories = [BrickyardResources.category]
        self.scope = scope
        self.description = description
        self.spec = spec
        self.status = status
        self.printerColumns = printerColumns
    }

    public var listKind: String { self.kind + "List" }
    /// The CRD's name: `<plural>.<group>`.
    public var crdName: String { "\(self.plural).\(BrickyardResources.group)" }

    /// The whole object's schema: `apiVersion`, `kind`, `metadata` (the apiserver's), `spec` and `status`.
    public var schema: ResourceSchema {
        .object(
            self.description, required: ["spec"],
            [
                .field("apiVersion", .string("The versioned schema of this object: \(BrickyardResources.apiVersion).")),
                .field("kind", .string("The kind of this object: \(self.kind).")),
                .field("metadata", ResourceSchema(.opaqueObject, "Standard object metadata.")),
                .field("spec", self.spec),
                .field("status", self.status),
            ])
    }
}

/// Brickyard's API group and its kinds, in the order the manifests list them.
public enum BrickyardResources {
    public static let group = "brickyard.io"
    public static let version = "v1alpha1"
    public static let apiVersion = "\(group)/\(version)"
    /// `kubectl get brickyard` lists every kind.
    public static let category = "brickyard"

    public static let all: [CustomResourceKind] = [
        GlusterClusterResource.kind, GlusterNodeResource.kind, GlusterVolumeResource.kind,
    ]

    /// The description of `kind`, if it is one of Brickyard's.
    public static func kind(named kind: String) -> CustomResourceKind? {
        Self.all.first { $0.kind == kind }
    }

    /// `metadata.name`'s rule for every kind: an RFC 1123 subdomain, as the apiserver requires of object names.
    public static func isObjectName(_ name: String) -> Bool {
        guard (1...253).contains(name.utf8.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(Self.isLabel)
    }

    /// An RFC 1123 label (`metadata.namespace`): lowercase letters, digits and `-`, 1-63 long, alphanumeric ends.
    public static func isLabel(_ text: Substring) -> Bool {
        guard (1...63).contains(text.utf8.count), text.first != "-", text.last != "-" else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-")
        }
    }
}
