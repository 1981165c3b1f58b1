public import StorageModel
import YAML

/// Reads desired-state documents: YAML (several documents per file) or JSON, each either a topology in
/// Heketi's `topology.json` shape (a `clusters` list, optionally `kind: Topology`), a `kind: VolumeClaim`, or one of
/// Brickyard's custom resources (`apiVersion: brickyard.io/v1alpha1`: `GlusterCluster`, `GlusterNode`,
/// `GlusterVolume`), the same documents `kubectl apply -f` takes.
///
/// Pure: it takes file names and texts. `DesiredStateParser.merge` then checks rules across documents
/// (a hostname, device or claim name given twice) and puts each `GlusterNode` in its `GlusterCluster`.
public enum DesiredStateParser {
    /// The documents in one file's text.
    public static func parse(file: String, text: String) throws(DesiredStateError) -> DesiredState {
        let documents: [YAMLNode]
        do throws(YAMLError) {
            documents = try YAMLParser.parseDocuments(text)
        } catch {
            let mark = error.mark ?? YAMLMark(line: 1, column: 1)
            throw DesiredStateError(
                SourceLocation(file: file, line: mark.line, column: mark.column), "not valid YAML or JSON: \(error.problem)")
        }
        let reader = DocumentReader(file: file)
        var state = DesiredState()
        for document in documents where !document.isNull {
            guard let pairs = document.pairs else { throw reader.error(document, "a document must be a mapping") }
            if let apiVersion = pairs.first(where: { $0.key.string == "apiVersion" })?.value {
                guard apiVersion.string == BrickyardResources.apiVersion else {
                    throw reader.error(apiVersion, "apiVersion must be \(BrickyardResources.apiVersion)")
                }
                switch try Self.resource(document, reader) {
                case .cluster(let cluster): state.clusters.append(cluster)
                case .node(let node): state.ungroupedNodes.append(node)
                case .volume(let claim): state.claims.append(claim)
                }
                continue
            }
            let kind = pairs.first { $0.key.string == "kind" }?.value
            switch kind?.string {
            case nil where pairs.contains(where: { $0.key.string == "clusters" }), "Topology":
                state.clusters += try Self.topology(document, reader)
            case "VolumeClaim":
                state.claims.append(try Self.claim(document, reader))
            case let other?:
                throw reader.error(kind ?? document, "unknown kind \"\(other)\" (Topology or VolumeClaim)")
            case nil:
                throw reader.error(document, "a document needs \"kind: VolumeClaim\" or a \"clusters\" list (a topology)")
            }
        }
        return state
    }

    /// Joins the documents of several files and checks what no single document can: hostnames, devices, cluster,
    /// node and claim names used twice, and `GlusterNode`s of a cluster no document defines. Each `GlusterNode` joins
    /// its `GlusterCluster`, in the order read.
    public static func merge(_ parts: [DesiredState]) throws(DesiredStateError) -> DesiredState {
        var state = DesiredState()
        for part in parts {
            state.clusters += part.clusters
            state.claims += part.claims
            state.ungroupedNodes += part.ungroupedNodes
        }
        try Self.group(&state)
        var hosts: [String: SourceLocation] = [:]
        for node in state.clusters.flatMap(\.nodes) {
            for host in Set([node.manageHostname, node.storageHostname]) {
                if let first = hosts[host] {
                    throw DesiredStateError(node.location, "hostname \(host) is already used by the node at \(first)")
                }
                hosts[host] = node.location
            }
            var devices: [String: SourceLocation] = [:]
            for device in node.devices {
                if let first = devices[device.name] {
                    throw DesiredStateError(device.location, "device \(device.name) is listed twice on this node (first at \(first))")
                }
                devices[device.name] = device.location
            }
        }
        var claims: [String: SourceLocation] = [:]
        var volumeNames: [String: SourceLocation] = [:]
        for claim in state.claims {
            let key = (claim.namespace.map { "\($0)/" } ?? "") + claim.name
            if let first = claims[key] {
                throw DesiredStateError(claim.location, "volume claim \"\(key)\" is already defined at \(first)")
            }
            claims[key] = claim.location
            if let first = volumeNames[claim.volumeName] {
                throw DesiredStateError(claim.location, "volume name \(claim.volumeName) is already claimed at \(first)")
            }
            volumeNames[claim.volumeName] = claim.location
        }
        return state
    }

    /// Moves every ungrouped node into the named cluster it names.
    private static func group(_ state: inout DesiredState) throws(DesiredStateError) {
        var clusters: [String: Int] = [:]
        for (index, cluster) in state.clusters.enumerated() {
            guard let name = cluster.name else { continue }
            if let first = clusters[name] {
                throw DesiredStateError(
                    cluster.location, "GlusterCluster \"\(name)\" is already defined at \(state.clusters[first].location)")
            }
            clusters[name] = index
        }
        var nodes: [String: SourceLocation] = [:]
        for node in state.ungroupedNodes {
            if let name = node.name {
                if let first = nodes[name] {
                    throw DesiredStateError(node.location, "GlusterNode \"\(name)\" is already defined at \(first)")
                }
                nodes[name] = node.location
            }
            guard let cluster = node.clusterName.flatMap({ clusters[$0] }) else {
                throw DesiredStateError(
                    node.location,
                    "GlusterNode \"\(node.name ?? node.manageHostname)\": no GlusterCluster \"\(node.clusterName ?? "")\" is defined")
            }
            state.clusters[cluster].nodes.append(node)
        }
        state.ungroupedNodes = []
    }

    // MARK: Topology

    private static func topology(_ document: YAMLNode, _ reader: DocumentReader) throws(DesiredStateError)
        -> [DesiredCluster]
    {
        let fields = try reader.mapping(document, "topology", allowed: ["kind", "clusters"])
        let clusters = try reader.required(fields, "clusters", in: document, "topology")
        var result: [DesiredCluster] = []
        for cluster in try reader.sequence(clusters, "clusters") {
            let clusterFields = try reader.mapping(cluster, "cluster", allowed: ["nodes"])
            let nodes = try reader.sequence(try reader.required(clusterFields, "nodes", in: cluster, "cluster"), "nodes")
            var desired: [DesiredNode] = []
            for node in nodes { desired.append(try Self.node(node, reader)) }
            result.append(DesiredCluster(nodes: desired, location: reader.location(of: cluster)))
        }
        return result
    }

    private static func node(_ entry: YAMLNode, _ reader: DocumentReader) throws(DesiredStateError) -> DesiredNode {
        let fields = try reader.mapping(entry, "node entry", allowed: ["node", "devices"])
        let node = try reader.required(fields, "node", in: entry, "node entry")
        let nodeFields = try reader.mapping(node, "node", allowed: ["hostnames", "zone", "tags"])
        let hostnames = try reader.required(nodeFields, "hostnames", in: node, "node")
        let hostFields = try reader.mapping(hostnames, "hostnames", allowed: ["manage", "storage"])
        let manage = try Self.singleHost(try reader.required(hostFields, "manage", in: hostnames, "hostnames"), "manage", reader)
        let storage = try Self.singleHost(
            try reader.required(hostFields, "storage", in: hostnames, "hostnames"), "storage", reader)
        let zoneNode = try reader.required(nodeFields, "zone", in: node, "node")
        let zone = try reader.integer(zoneNode, "zone")
        try reader.checked(zoneNode) { () throws(ValidationError) in try Node.validate(zone: zone) }
        var devices: [DesiredDevice] = []
        for device in try fields["devices"].map({ (field) throws(DesiredStateError) in
            try reader.sequence(field.node, "devices")
        }) ?? [] {
            devices.append(try Self.device(device, reader))
        }
        return DesiredNode(
            manageHostname: manage, storageHostname: storage, zone: zone,
            tags: try reader.tags(nodeFields["tags"]?.node, "tags"), devices: devices, location: reader.location(of: entry))
    }

    /// Heketi lists hostnames as one-element lists; a plain string is accepted too.
    private static func singleHost(_ node: YAMLNode, _ what: String, _ reader: DocumentReader) throws(DesiredStateError)
        -> String
    {
        let hosts = node.items != nil ? try reader.strings(node, what) : [try reader.string(node, what)]
        guard hosts.count == 1, let host = hosts.first else {
            throw reader.error(node, "\(what) must name exactly one host")
        }
        try reader.checked(node) { () throws(ValidationError) in try Hostname.validate(host, field: what) }
        return host
    }

    /// A device is its name, or `{name, destroydata, tags}` as in newer Heketi topology files.
    private static func device(_ node: YAMLNode, _ reader: DocumentReader) throws(DesiredStateError) -> DesiredDevice {
        let location = reader.location(of: node)
        if node.scalar != nil {
            let name = try reader.string(node, "device")
            try reader.checked(node) { () throws(ValidationError) in try Device.validate(name: name) }
            return DesiredDevice(name: name, location: location)
        }
        let fields = try reader.mapping(node, "device", allowed: ["name", "destroydata", "tags"])
        let nameNode = try reader.required(fields, "name", in: node, "device")
        let name = try reader.string(nameNode, "device name")
        try reader.checked(nameNode) { () throws(ValidationError) in try Device.validate(name: name) }
        return DesiredDevice(
            name: name,
            destroyData: try fields["destroydata"].map { (field) throws(DesiredStateError) in
                try reader.boolean(field.node, "destroydata")
            } ?? false,
            tags: try reader.tags(fields["tags"]?.node, "tags"), location: location)
    }

    // MARK: Claims

    static let claimKeys: Set<String> = [
        "kind", "name", "size", "durability", "replica", "arbiter", "disperse", "snapshot", "gid", "options",
        "cluster", "deletionPolicy",
    ]

    private static func claim(_ document: YAMLNode, _ reader: DocumentReader) throws(DesiredStateError) -> VolumeClaim {
        let fields = try reader.mapping(document, "VolumeClaim", allowed: Self.claimKeys)
        let nameNode = try reader.required(fields, "name", in: document, "VolumeClaim")
        let name = try reader.string(nameNode, "name")
        try reader.checked(nameNode) { () throws(ValidationError) in try Volume.validate(name: name) }
        let sizeNode = try reader.required(fields, "size", in: document, "VolumeClaim")
        let gib = try reader.integer(sizeNode, "size (GiB)")
        let size = ByteCount.gibibytes(Int64(gib))
        try reader.checked(sizeNode) { () throws(ValidationError) in try Volume.validate(size: size) }
        let durability = try Self.durability(fields, in: document, reader)
        var snapshot = SnapshotSettings.disabled
        if let node = fields["snapshot"]?.node {
            let snapshotFields = try reader.mapping(node, "snapshot", allowed: ["enable", "factor"])
            let enabled = try snapshotFields["enable"].map { (field) throws(DesiredStateError) in
                try reader.boolean(field.node, "snapshot.enable")
            } ?? false
            let factor = try snapshotFields["factor"].map { (field) throws(DesiredStateError) in
                try reader.number(field.node, "snapshot.factor")
            } ?? SnapshotSettings.defaultFactor
            snapshot = try reader.checked(node) { () throws(ValidationError) in
                try SnapshotSettings(enabled: enabled, factor: factor)
            }
        }
        var gid: Int64?
        if let node = fields["gid"]?.node {
            let value = Int64(try reader.integer(node, "gid"))
            try reader.checked(node) { () throws(ValidationError) in try Volume.validate(gid: value) }
            gid = value
        }
        var options: [VolumeOption] = []
        if let node = fields["options"]?.node {
            for item in try reader.sequence(node, "options") {
                let text = try reader.string(item, "each option")
                let option = try reader.checked(item) { () throws(ValidationError) in
                    try VolumeOption(parsing: text, field: "options")
                }
                if let prefix = VolumeClaim.ownedOptionPrefixes.first(where: { option.key.hasPrefix($0) }) {
                    throw reader.error(item, "option \(option.key): \(prefix)* options are Brickyard's own and cannot be set by a claim")
                }
                if options.contains(where: { $0.key == option.key }) {
                    throw reader.error(item, "option \(option.key) is given twice")
                }
                options.append(option)
            }
        }
        var cluster: ClusterID?
        if let node = fields["cluster"]?.node {
            let text = try reader.string(node, "cluster")
            cluster = try reader.checked(node) { () throws(ValidationError) in try ClusterID(parsing: text) }
        }
        var policy = VolumeClaim.DeletionPolicy.retain
        if let node = fields["deletionPolicy"]?.node {
            let text = try reader.string(node, "deletionPolicy").lowercased()
            guard let value = VolumeClaim.DeletionPolicy(rawValue: text) else {
                throw reader.error(node, "deletionPolicy must be Retain or Delete")
            }
            policy = value
        }
        return VolumeClaim(
            name: name, size: size, durability: durability, snapshot: snapshot, gid: gid, options: options,
            cluster: cluster, deletionPolicy: policy, location: reader.location(of: document))
    }

    /// `durability: none|replicate|disperse` (default replicate), `replica` (default 3), `arbiter: true` for
    /// replica 3 with an arbiter, `disperse: {data, redundancy}` (default 4+2).
    private static func durability(
        _ fields: [String: (node: YAMLNode, key: YAMLNode)], in document: YAMLNode, _ reader: DocumentReader
    ) throws(DesiredStateError) -> Durability {
        let typeNode = fields["durability"]?.node
        let type = try typeNode.map { (node) throws(DesiredStateError) in try reader.string(node, "durability") }
            ?? "replicate"
        let arbiter = try fields["arbiter"].map { (field) throws(DesiredStateError) in
            try reader.boolean(field.node, "arbiter")
        } ?? false
        switch type {
        case "none", "distribute":
            return .distribute
        case "replicate":
            let replicaNode = fields["replica"]?.node
            let replica = try replicaNode.map { (node) throws(DesiredStateError) in try reader.integer(node, "replica") } ?? 3
            if arbiter {
                guard replica == 3 else { throw reader.error(replicaNode ?? document, "arbiter volumes have replica 3") }
                return .arbiter
            }
            return try reader.checked(replicaNode ?? document) { () throws(ValidationError) in
                try Durability.replicate(validating: replica)
            }
        case "disperse":
            var data = 4
            var redundancy = 2
            if let node = fields["disperse"]?.node {
                let disperse = try reader.mapping(node, "disperse", allowed: ["data", "redundancy"])
                if let field = disperse["data"] { data = try reader.integer(field.node, "disperse.data") }
                if let field = disperse["redundancy"] { redundancy = try reader.integer(field.node, "disperse.redundancy") }
            }
            return try reader.checked(fields["disperse"]?.node ?? document) { () throws(ValidationError) in
                try Durability.disperse(validatingData: data, redundancy: redundancy)
            }
        default:
            throw reader.error(typeNode ?? document, "durability must be none, replicate or disperse")
        }
    }
}
