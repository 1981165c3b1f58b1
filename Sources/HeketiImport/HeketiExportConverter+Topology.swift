internal import StorageModel

/// Clusters, nodes and devices: the topology the bricks sit on.
extension HeketiExportConverter {
    mutating func convertClusters() throws(HeketiImportError) {
        for (key, entry) in try self.section(self.export.clusterentries, "clusterentries") {
            let id: ClusterID = try self.key(key, infoID: entry.info?.id, kind: "cluster")
            // Exports from before Heketi had the flags allowed both kinds of volume.
            self.clusters[id] = Cluster(
                id: id, allowsFileVolumes: entry.info?.file ?? true, allowsBlockVolumes: entry.info?.block ?? true)
        }
    }

    mutating func convertNodes() throws(HeketiImportError) {
        let clusters = try self.section(self.export.clusterentries, "clusterentries")
        let entries = try self.section(self.export.nodeentries, "nodeentries")
        let clusterOfNode = Dictionary(
            entries.map { ($0.0, $0.1.info?.cluster ?? "") }, uniquingKeysWith: { a, _ in a })
        let listed = try self.listings(clusters, kind: "cluster", field: "Info.nodes") { $0.info?.nodes }
        var manageNames: [String: String] = [:]
        var storageNames: [String: String] = [:]
        for (key, entry) in entries {
            let id: NodeID = try self.key(key, infoID: entry.info?.id, kind: "node")
            let subject = "node \(key)"
            guard let info = entry.info else { throw HeketiImportError(subject, .missing(field: "Info")) }
            let cluster: ClusterID = try self.identifier(info.cluster, subject, field: "Info.cluster")
            guard self.clusters[cluster] != nil else {
                throw HeketiImportError(subject, .dangling(relation: "is in cluster", id: cluster.description))
            }
            try self.checkListed(
                key, in: listed, parentID: cluster.description, subject: subject, parent: "cluster \(cluster)",
                field: "Info.nodes")
            guard let zone = info.zone else { throw HeketiImportError(subject, .missing(field: "Info.zone")) }
            guard let manage = info.hostnames?.manage?.first else {
                throw HeketiImportError(subject, .missing(field: "Info.hostnames.manage"))
            }
            guard let storage = info.hostnames?.storage?.first else {
                throw HeketiImportError(subject, .missing(field: "Info.hostnames.storage"))
            }
            guard let stateText = entry.state else { throw HeketiImportError(subject, .missing(field: "State")) }
            let tags = try self.validated(subject) { () throws(ValidationError) in
                try Tags(validating: info.tags ?? [:], field: "Info.tags")
            }
            let state = try self.validated(subject) { () throws(ValidationError) in
                try OperationalState(validating: stateText, field: "State")
            }
            let node = Node(
                id: id, cluster: cluster, zone: zone, manageHostname: manage, storageHostname: storage, tags: tags,
                state: state)
            try self.validated(subject) { () throws(ValidationError) in try node.validate() }
            if let other = manageNames.updateValue(key, forKey: manage) {
                throw HeketiImportError(
                    subject, .conflict(field: "hostnames.manage", value: manage, other: "node \(other)"))
            }
            if let other = storageNames.updateValue(key, forKey: storage) {
                throw HeketiImportError(
                    subject, .conflict(field: "hostnames.storage", value: storage, other: "node \(other)"))
            }
            self.nodes[id] = node
        }
        for (key, entry) in clusters {
            try self.checkList(
                entry.info?.nodes, of: "cluster \(key)", field: "Info.nodes", childKind: "node", parentID: key,
                parentOfChild: clusterOfNode)
        }
    }

    mutating func convertDevices() throws(HeketiImportError) {
        let nodes = try self.section(self.export.nodeentries, "nodeentries")
        let entries = try self.section(self.export.deviceentries, "deviceentries")
        let nodeOfDevice = Dictionary(entries.map { ($0.0, $0.1.nodeId ?? "") }, uniquingKeysWith: { a, _ in a })
        let listed = try self.listings(nodes, kind: "node", field: "Devices") { $0.devices }
        var names: [String: String] = [:]
        for (key, entry) in entries {
            let id: DeviceID = try self.key(key, infoID: entry.info?.id, kind: "device")
            let subject = "device \(key)"
            guard let info = entry.info else { throw HeketiImportError(subject, .missing(field: "Info")) }
            let node: NodeID = try self.identifier(entry.nodeId, subject, field: "NodeId")
            guard self.nodes[node] != nil else {
                throw HeketiImportError(subject, .dangling(relation: "is on node", id: node.description))
            }
            try self.checkListed(
                key, in: listed, parentID: node.description, subject: subject, parent: "node \(node)", field: "Devices")
            guard let name = info.name else { throw HeketiImportError(subject, .missing(field: "Info.name")) }
            try self.validated(subject) { () throws(ValidationError) in try Device.validate(name: name) }
            if let other = names.updateValue(key, forKey: "\(node) \(name)") {
                throw HeketiImportError(
                    subject, .conflict(field: "name", value: name, other: "device \(other) on the same node"))
            }
            // Heketi's storage figures are KiB; `total` is what the volume group offers to bricks.
            let total = try self.size(
                info.storage?.total, unit: ByteCount.kibibyte, subject, field: "Info.storage.total")
            guard let stateText = entry.state else { throw HeketiImportError(subject, .missing(field: "State")) }
            let state = try self.validated(subject) { () throws(ValidationError) in
                try OperationalState(validating: stateText, field: "State")
            }
            let tags = try self.validated(subject) { () throws(ValidationError) in
                try Tags(validating: info.tags ?? [:], field: "Info.tags")
            }
            self.devices[id] = Device(
                id: id, node: node, name: name, tags: tags, state: state, total: total, backend: .lvm,
                sizeEnforced: true)
        }
        for (key, entry) in nodes {
            try self.checkList(
                entry.devices, of: "node \(key)", field: "Devices", childKind: "device", parentID: key,
                parentOfChild: nodeOfDevice)
        }
    }
}
