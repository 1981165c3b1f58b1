/// One node of an OpenAPI v3 schema, the subset Kubernetes' structural schemas use: enough to render a CRD's
/// validation and to check a document against the same rules before it is mapped to the model.
///
/// Built in code by the resource descriptions (`GlusterVolumeResource` and its siblings), rendered by
/// `CustomResourceRenderer`, and walked by the documents reader, so the apiserver and `brickyard apply` accept the
/// same fields, types, enums and bounds.
public struct ResourceSchema: Hashable, Sendable {
    public indirect enum Shape: Hashable, Sendable {
        case string
        case integer
        case number
        case boolean
        /// `x-kubernetes-int-or-string`: a byte count as an integer or a quantity such as `10Gi`.
        case quantity
        /// A closed object: only these properties (in declaration order), the `required` ones present.
        case object([Property], required: [String])
        /// A mapping from free keys to values of one schema (`additionalProperties`).
        case map(ResourceSchema)
        case array(ResourceSchema)
        /// An object whose content is not checked (`metadata`, which the apiserver owns).
        case opaqueObject
    }

    /// A value a field takes when it is left out (rendered as `default`).
    public enum DefaultValue: Hashable, Sendable {
        case string(String)
        case integer(Int64)
        case boolean(Bool)
        /// `{}`, so the defaults of an object's properties apply even when the object is left out.
        case emptyObject
    }

    public var shape: Shape
    public var description: String
    public var enumValues: [String] = []
    public var minimum: Double?
    public var maximum: Double?
    public var minLength: Int?
    public var maxLength: Int?
    /// `maxItems` of an array, `maxProperties` of a map: bounds the apiserver needs to estimate a rule's cost.
    public var maxCount: Int?
    /// A regular expression the apiserver checks; Brickyard checks the same rule with the model's validation.
    public var pattern: String?
    public var format: String?
    public var defaultValue: DefaultValue?
    public var rules: [ValidationRule] = []
    /// `x-kubernetes-list-map-keys` of a list whose items are unique by these keys (`x-kubernetes-list-type: map`).
    public var listMapKeys: [String] = []

    public init(_ shape: Shape, _ description: String) {
        self.shape = shape
        self.description = description
    }

    /// A property of an object schema.
    public struct Property: Hashable, Sendable {
        public var name: String
        public var schema: ResourceSchema

        public init(_ name: String, _ schema: ResourceSchema) {
            self.name = name
            self.schema = schema
        }
    }

    /// The properties of an object schema (none for other shapes).
    public var properties: [Property] {
        if case .object(let properties, _) = self.shape { return properties }
        return []
    }

    /// The schema of one property of an object schema.
    public subscript(property name: String) -> ResourceSchema? {
        self.properties.first { $0.name == name }?.schema
    }
}

/// An `x-kubernetes-validations` rule: a CEL expression the apiserver evaluates, with the message it refuses with.
/// A rule that uses `oldSelf` is a transition rule (checked on updates only).
public struct ValidationRule: Hashable, Sendable {
    public var rule: String
    public var message: String
    /// The oldest Kubernetes minor version (1.x) whose apiserver compiles the rule; renderers for an older target
    /// leave the rule out (Brickyard's own checks still apply).
    public var minimumKubernetesMinor: Int

    public init(_ rule: String, message: String, minimumKubernetesMinor: Int = ValidationRule.baselineMinor) {
        self.rule = rule
        self.message = message
        self.minimumKubernetesMinor = minimumKubernetesMinor
    }

    /// The oldest apiserver the manifests support: 1.26 (CEL validation rules, including transition rules with
    /// `oldSelf`, are beta and on by default since 1.25).
    public static let baselineMinor = 26
    /// The first apiserver whose CRD validation compiles the `quantity()` library: added to the CEL environment in
    /// 1.28, it is accepted in new expressions from 1.29 (an apiserver admits new expressions only in the
    /// environment of the release before it, so a rollback can still run them).
    public static let quantityLibraryMinor = 29
}
