internal import StorageModel

/// Volumes: name, size (GiB in Heketi), durability, snapshot settings, gid and Gluster options.
extension HeketiExportConverter {
    static let idOption = "user.heketi.id"
    static let arbiterOption = "user.heketi.arbiter"

    mutating func convertVolumes() throws(HeketiImportError) {
        let clusters = try self.section(self.export.clusterentries, "clusterentries")
        let entries = try self.section(self.export.volumeentries, "volumeentries")
        let clusterOfVolume = Dictionary(
            entries.map { ($0.0, $0.1.info?.cluster ?? "") }, uniquingKeysWith: { a, _ in a })
        let listed = try self.listings(clusters, kind: "cluster", field: "Info.volumes") { $0.info?.volumes }
        var names: [String: String] = [:]
        for (key, entry) in entries {
            let id: VolumeID = try self.key(key, infoID: entry.info?.id, kind: "volume")
            let subject = "volume \(key)"
            guard let info = entry.info else { throw HeketiImportError(subject, .missing(field: "Info")) }
            if let operation = entry.pending?.id, !operation.isEmpty {
                throw HeketiImportError(subject, .pending(operation: operation))
            }
            if info.block == true {
                throw HeketiImportError(
                    subject, .unsupported("it hosts gluster-block volumes, which Brickyard does not manage"))
            }
            let cluster: ClusterID = try self.identifier(info.cluster, subject, field: "Info.cluster")
            guard self.clusters[cluster] != nil else {
                throw HeketiImportError(subject, .dangling(relation: "is in cluster", id: cluster.description))
            }
            try self.checkListed(
                key, in: listed, parentID: cluster.description, subject: subject, parent: "cluster \(cluster)",
                field: "Info.volumes")
            guard let name = info.name else { throw HeketiImportError(subject, .missing(field: "Info.name")) }
            try self.validated(subject) { () throws(ValidationError) in try Volume.validate(name: name) }
            if let other = names.updateValue(key, forKey: "\(cluster) \(name)") {
                throw HeketiImportError(subject, .conflict(field: "name", value: name, other: "volume \(other)"))
            }
            let size = try self.size(info.size, unit: ByteCount.gibibyte, subject, field: "Info.size")
            try self.validated(subject) { () throws(ValidationError) in
                try Volume.validate(size: size, field: "Info.size")
            }
            // Heketi writes gid 0 for "no group".
            let gid = info.gid.flatMap { $0 == 0 ? nil : $0 }
            if let gid { try self.validated(subject) { () throws(ValidationError) in try Volume.validate(gid: gid) } }
            let snapshot = try self.validated(subject) { () throws(ValidationError) in
                let enabled = info.snapshot?.enable ?? false
                return enabled ? try SnapshotSettings(enabled: true, factor: info.snapshot?.factor ?? 1) : .disabled
            }
            let options = try self.options(entry.glusterVolumeOptions, volume: id, subject)
            let durability = try self.durability(info.durability, subject)
            self.volumes[id] = Volume(
                id: id, name: name, cluster: cluster, size: size, durability: durability, snapshot: snapshot, gid: gid,
                options: options)
            self.mountHosts[id] = info.mount?.glusterfs?.hosts ?? []
            guard let bricks = entry.bricks else { throw HeketiImportError(subject, .missing(field: "Bricks")) }
            var brickIDs: [BrickID] = []
            for brick in bricks {
                brickIDs.append(try self.identifier(brick, subject, field: "Bricks"))
            }
            self.volumeBricks[id] = brickIDs
            if let sets = entry.brickSets {
                var recorded: [[BrickID]] = []
                for set in sets {
                    var ids: [BrickID] = []
                    for brick in set { ids.append(try self.identifier(brick, subject, field: "BrickSets")) }
                    recorded.append(ids)
                }
                self.recordedSets[id] = recorded
            }
        }
        for (key, entry) in clusters {
            try self.checkList(
                entry.info?.volumes, of: "cluster \(key)", field: "Info.volumes", childKind: "volume", parentID: key,
                parentOfChild: clusterOfVolume)
        }
    }

    /// Heketi's `key value` strings, blanks dropped (Heketi stores its empty pre- and post-request option lists as
    /// `""`), followed by `user.heketi.id`, which Heketi set on the Gluster volume and Brickyard uses to know it.
    func options(_ texts: [String]?, volume: VolumeID, _ subject: String) throws(HeketiImportError) -> [VolumeOption] {
        var options: [VolumeOption] = []
        for text in texts ?? [] where !text.allSatisfy({ $0 == " " }) {
            let option = try self.validated(subject) { () throws(ValidationError) in
                try VolumeOption(parsing: text, field: "GlusterVolumeOptions")
            }
            if option.key != Self.idOption { options.append(option) }
        }
        return options + [VolumeOption(key: Self.idOption, value: volume.description)]
    }

    /// The durability as Heketi recorded it; arbiter is decided later, from the option and the bricks' types.
    func durability(_ info: HeketiExport.DurabilityInfo?, _ subject: String) throws(HeketiImportError) -> Durability {
        switch info?.type ?? "none" {
        case "none", "":
            return .distribute
        case "replicate":
            guard let replica = info?.replicate?.replica else {
                throw HeketiImportError(subject, .missing(field: "Info.durability.replicate.replica"))
            }
            return try self.validated(subject) { () throws(ValidationError) in
                try Durability.replicate(validating: replica)
            }
        case "disperse":
            guard let data = info?.disperse?.data, let redundancy = info?.disperse?.redundancy else {
                throw HeketiImportError(subject, .missing(field: "Info.durability.disperse.data and .redundancy"))
            }
            return try self.validated(subject) { () throws(ValidationError) in
                try Durability.disperse(validatingData: data, redundancy: redundancy)
            }
        case let other:
            throw HeketiImportError(
                subject,
                .invalid(
                    ValidationError(
                        field: "Info.durability.type", value: other,
                        problem: .notOneOf(["none", "replicate", "disperse"]))))
        }
    }

    /// Whether the options ask for an arbiter, read as Go's `strconv.ParseBool` reads it (Heketi's rule).
    static func wantsArbiter(_ options: [VolumeOption]) -> Bool {
        guard let value = options.last(where: { $0.key == Self.arbiterOption })?.value else { return false }
        return ["1", "t", "T", "true", "TRUE", "True"].contains(value)
    }
}
