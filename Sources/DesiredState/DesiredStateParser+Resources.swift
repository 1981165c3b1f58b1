import StorageModel
import YAML

/// `apiVersion: brickyard.io/v1alpha1` documents (`GlusterCluster`, `GlusterNode`, `GlusterVolume`), checked against
/// the schema the CRDs are rendered from, then mapped to the model with the model's validations, so `kubectl apply`
/// and `brickyard apply` refuse the same documents.
extension DesiredStateParser {
    /// Reads one object the API server returned (JSON, which is YAML) as documents are read; `label` names it in
    /// errors in place of a file (`kubernetes:shop/data`).
    public static func resource(json text: String, label: String) throws(DesiredStateError) -> BrickyardResource {
        let reader = DocumentReader(file: label)
        let document: YAMLNode
        do throws(YAMLError) {
            document = try YAMLParser.parseDocuments(text).first ?? .scalar("")
        } catch {
            let mark = error.mark ?? YAMLMark(line: 1, column: 1)
            throw DesiredStateError(SourceLocation(file: label, line: mark.line, column: mark.column), "not valid JSON: \(error.problem)")
        }
        guard let apiVersion = document["apiVersion"], apiVersion.string == BrickyardResources.apiVersion else {
            throw reader.error(document["apiVersion"] ?? document, "apiVersion must be \(BrickyardResources.apiVersion)")
        }
        return try Self.resource(document, reader)
    }

    /// The `metadata` keys a document may carry: what people write, and what `kubectl get -o yaml` adds (ignored).
    static let metadataKeys: Set<String> = [
        "name", "namespace", "labels", "annotations", "generation", "uid", "resourceVersion", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "finalizers", "ownerReferences", "managedFields",
        "generateName", "selfLink",
    ]

    static func resource(_ document: YAMLNode, _ reader: DocumentReader) throws(DesiredStateError) -> BrickyardResource {
        let kindNode = document["kind"] ?? document
        guard let kindName = document["kind"]?.string, let kind = BrickyardResources.kind(named: kindName) else {
            throw reader.error(
                kindNode, "kind must be one of \(BrickyardResources.all.map(\.kind).joined(separator: ", ")) for \(BrickyardResources.apiVersion)")
        }
        let fields = try reader.mapping(document, kind.kind, allowed: ["apiVersion", "kind", "metadata", "spec", "status"])
        let metadata = try Self.metadata(try reader.required(fields, "metadata", in: document, kind.kind), kind, reader)
        let spec = try reader.required(fields, "spec", in: document, kind.kind)
        try reader.check(spec, against: kind.spec, at: "spec")
        let location = reader.location(of: document)
        switch kind.kind {
        case GlusterClusterResource.kind.kind:
            return .cluster(try Self.cluster(spec, metadata, location, reader))
        case GlusterNodeResource.kind.kind:
            return .node(try Self.node(spec, metadata, location, reader))
        default:
            return .volume(try Self.volume(spec, metadata, location, reader))
        }
    }

    /// What Brickyard takes from `metadata`.
    struct Metadata {
        var name: String
        var nameNode: YAMLNode
        var namespace: String?
        var generation: Int64?
    }

    private static func metadata(_ node: YAMLNode, _ kind: CustomResourceKind, _ reader: DocumentReader)
        throws(DesiredStateError) -> Metadata
    {
        let fields = try reader.mapping(node, "metadata", allowed: Self.metadataKeys)
        let nameNode = try reader.required(fields, "name", in: node, "metadata")
        let name = try reader.string(nameNode, "metadata.name")
        guard BrickyardResources.isObjectName(name) else {
            throw reader.error(
                nameNode, "metadata.name must be lowercase letters, digits, '-' and '.', at most 253 characters (RFC 1123)")
        }
        var namespace: String?
        if let field = fields["namespace"], !field.node.isNull {
            guard kind.scope == .namespaced else {
                throw reader.error(field.key, "\(kind.kind) is cluster-scoped: metadata.namespace is not allowed")
            }
            let text = try reader.string(field.node, "metadata.namespace")
            guard BrickyardResources.isLabel(Substring(text)) else {
                throw reader.error(field.node, "metadata.namespace must be lowercase letters, digits and '-', at most 63 characters")
            }
            namespace = text
        } else if kind.scope == .namespaced {
            namespace = "default"
        }
        var generation: Int64?
        if let field = fields["generation"], !field.node.isNull {
            let value = try reader.integer(field.node, "metadata.generation")
            guard value >= 1 else { throw reader.error(field.node, "metadata.generation must be at least 1") }
            generation = Int64(value)
        }
        for key in ["labels", "annotations"] {
            if let field = fields[key], !field.node.isNull, field.node.pairs == nil {
                throw reader.error(field.node, "metadata.\(key) must be a mapping")
            }
        }
        return Metadata(name: name, nameNode: nameNode, namespace: namespace, generation: generation)
    }

    // MARK: Kinds

    private static func cluster(
        _ spec: YAMLNode, _ metadata: Metadata, _ location: SourceLocation, _ reader: DocumentReader
    ) throws(DesiredStateError) -> DesiredCluster {
        var settings = DesiredClusterSettings()
        if let placement = Self.present(spec, "placement") {
            if let node = Self.present(placement, "zoneChecking"), let text = node.string {
                settings.zoneChecking = DesiredClusterSettings.ZoneChecking(rawValue: text) ?? .none
            }
            if let brickSize = Self.present(placement, "brickSize") {
                let minimum = try Self.present(brickSize, "min").map { (node) throws(DesiredStateError) in
                    ByteCount(bytes: try reader.quantity(node, "spec.placement.brickSize.min"))
                }
                let maximum = try Self.present(brickSize, "max").map { (node) throws(DesiredStateError) in
                    ByteCount(bytes: try reader.quantity(node, "spec.placement.brickSize.max"))
                }
                if let minimum, let maximum, minimum > maximum {
                    throw reader.error(brickSize, "brickSize.min is at most brickSize.max")
                }
                (settings.minimumBrickSize, settings.maximumBrickSize) = (minimum, maximum)
            }
        }
        if let access = Self.present(spec, "access") {
            switch (Self.present(access, "kubectlExec"), Self.present(access, "ssh")) {
            case (let exec?, nil):
                let label = Self.present(exec, "labelSelector")?.string
                let daemonSet = Self.present(exec, "daemonSet")?.string
                let selector: DesiredClusterSettings.PodSelector
                switch (label, daemonSet) {
                case (let label?, nil): selector = .labelSelector(label)
                case (nil, let daemonSet?): selector = .daemonSet(daemonSet)
                default: throw reader.error(exec, "give exactly one of labelSelector and daemonSet")
                }
                settings.access = .kubectlExec(
                    namespace: Self.present(exec, "namespace")?.string ?? "", selector: selector,
                    container: Self.present(exec, "container")?.string)
            case (nil, let ssh?):
                settings.access = .ssh(
                    user: Self.present(ssh, "user")?.string,
                    port: Self.present(ssh, "port")?.int ?? GlusterClusterResource.defaultSSHPort,
                    keyFile: Self.present(ssh, "keyFile")?.string ?? "")
            default:
                throw reader.error(access, "give exactly one of kubectlExec and ssh")
            }
        }
        if let label = Self.present(spec, "zoneLabel")?.string { settings.zoneLabel = label }
        return DesiredCluster(nodes: [], location: location, name: metadata.name, settings: settings)
    }

    private static func node(
        _ spec: YAMLNode, _ metadata: Metadata, _ location: SourceLocation, _ reader: DocumentReader
    ) throws(DesiredStateError) -> DesiredNode {
        var hosts: [String] = []
        for field in ["manageHostname", "storageHostname"] {
            let node = spec[field] ?? spec
            let host = try reader.string(node, "spec.\(field)")
            try reader.checked(node) { () throws(ValidationError) in try Hostname.validate(host, field: "spec.\(field)") }
            hosts.append(host)
        }
        let zoneNode = Self.present(spec, "zone")
        let zone = zoneNode?.int ?? GlusterNodeResource.defaultZone
        if let zoneNode { try reader.checked(zoneNode) { () throws(ValidationError) in try Node.validate(zone: zone) } }
        var devices: [DesiredDevice] = []
        for item in Self.present(spec, "devices")?.items ?? [] {
            let nameNode = item["name"] ?? item
            let name = try reader.string(nameNode, "device name")
            try reader.checked(nameNode) { () throws(ValidationError) in try Device.validate(name: name) }
            devices.append(
                DesiredDevice(
                    name: name, destroyData: Self.present(item, "destroyData")?.bool ?? false,
                    tags: try reader.tags(Self.present(item, "tags"), "tags"), location: reader.location(of: item)))
        }
        return DesiredNode(
            manageHostname: hosts[0], storageHostname: hosts[1], zone: zone,
            tags: try reader.tags(Self.present(spec, "tags"), "tags"), devices: devices, location: location,
            name: metadata.name, clusterName: Self.present(spec, "cluster")?.string)
    }

    private static func volume(
        _ spec: YAMLNode, _ metadata: Metadata, _ location: SourceLocation, _ reader: DocumentReader
    ) throws(DesiredStateError) -> VolumeClaim {
        let sizeNode = spec["size"] ?? spec
        let bytes = try reader.quantity(sizeNode, "spec.size")
        try reader.checked(sizeNode) { () throws(ValidationError) in
            try Volume.validate(size: ByteCount(bytes: bytes), field: "spec.size")
        }
        let durability = try Self.durability(Self.present(spec, "durability"), reader)
        var options: [VolumeOption] = []
        for (key, value) in Self.present(spec, "options")?.pairs ?? [] {
            let name = key.string ?? ""
            try reader.checked(key) { () throws(ValidationError) in try VolumeOption.validate(key: name, field: "spec.options") }
            if let prefix = VolumeClaim.ownedOptionPrefixes.first(where: { name.hasPrefix($0) }) {
                throw reader.error(key, "option \(name): \(prefix)* options are Brickyard's own and cannot be set by a claim")
            }
            options.append(VolumeOption(key: name, value: value.string ?? ""))
        }
        var gid: Int64?
        if let node = Self.present(spec, "gid"), let value = node.int {
            try reader.checked(node) { () throws(ValidationError) in try Volume.validate(gid: Int64(value)) }
            gid = Int64(value)
        }
        var snapshot = SnapshotSettings.disabled
        if let node = Self.present(spec, "snapshotFactor"), let factor = node.double {
            snapshot = try reader.checked(node) { () throws(ValidationError) in
                try SnapshotSettings(enabled: true, factor: factor)
            }
        }
        let policy: VolumeClaim.DeletionPolicy =
            Self.present(spec, "deletionPolicy")?.string == "Delete" ? .delete : .retain
        let namespace = metadata.namespace ?? "default"
        let volumeName: String
        if let node = Self.present(spec, "volumeName") {
            volumeName = try reader.string(node, "spec.volumeName")
            try reader.checked(node) { () throws(ValidationError) in try Volume.validate(name: volumeName) }
        } else {
            volumeName = Self.defaultVolumeName(namespace: namespace, name: metadata.name)
            do throws(ValidationError) {
                try Volume.validate(name: volumeName)
            } catch {
                throw reader.error(
                    metadata.nameNode, "the volume's default name \(volumeName) is not valid (\(error.description)); give spec.volumeName")
            }
        }
        return VolumeClaim(
            name: metadata.name, size: Quantity.roundedUpToGibibytes(bytes: bytes), durability: durability,
            snapshot: snapshot, gid: gid, options: options, deletionPolicy: policy, location: location,
            namespace: namespace, volumeName: volumeName, generation: metadata.generation ?? 1,
            clusterName: Self.present(spec, "cluster")?.string)
    }

    /// A `GlusterVolume`'s Gluster volume name when `spec.volumeName` is absent: `<namespace>_<name>`, with the dots
    /// of the name (which Gluster refuses) as underscores. Namespaces and object names have no underscores, so two
    /// objects never share a default name.
    public static func defaultVolumeName(namespace: String, name: String) -> String {
        "\(namespace)_" + name.replacingDots()
    }

    private static func durability(_ node: YAMLNode?, _ reader: DocumentReader) throws(DesiredStateError) -> Durability {
        guard let node else { return .replicate(GlusterVolumeResource.defaultReplica) }
        let type = Self.present(node, "type")?.string ?? GlusterVolumeResource.defaultDurabilityType
        let replicaNode = Self.present(node, "replica")
        let replica = replicaNode?.int ?? GlusterVolumeResource.defaultReplica
        let arbiterNode = Self.present(node, "arbiter")
        let disperseNode = Self.present(node, "disperse")
        if arbiterNode?.bool == true, type != "Replicate" || replica != 3 {
            throw reader.error(arbiterNode ?? node, "arbiter volumes are Replicate with replica 3")
        }
        if let disperseNode, type != "Disperse" {
            throw reader.error(disperseNode, "disperse is given only for type Disperse")
        }
        switch type {
        case "None":
            return .distribute
        case "Disperse":
            let data = disperseNode.flatMap { Self.present($0, "data")?.int } ?? GlusterVolumeResource.defaultDisperse.data
            let redundancy = disperseNode.flatMap { Self.present($0, "redundancy")?.int }
                ?? GlusterVolumeResource.defaultDisperse.redundancy
            return try reader.checked(disperseNode ?? node) { () throws(ValidationError) in
                try Durability.disperse(validatingData: data, redundancy: redundancy)
            }
        default:
            if arbiterNode?.bool == true { return .arbiter }
            return try reader.checked(replicaNode ?? node) { () throws(ValidationError) in
                try Durability.replicate(validating: replica)
            }
        }
    }

    /// A field's value when it is given and not null (the schema check has already vouched for its type).
    private static func present(_ node: YAMLNode, _ key: String) -> YAMLNode? {
        guard let value = node[key], !value.isNull else { return nil }
        return value
    }
}

extension String {
    fileprivate func replacingDots() -> String {
        String(self.map { $0 == "." ? "_" : $0 })
    }
}
