internal import HeketiAPI

/// Text output for volumes, including where each brick of each set lives (zone, node, device), so a reader sees at
/// a glance that a set's bricks are spread across failure domains.
enum VolumeText {
    static let arbiterOption = "user.heketi.arbiter true"

    static func isArbiter(_ volume: VolumeInfoResponse) -> Bool {
        volume.glustervolumeoptions.contains { $0.split(separator: " ").map(String.init) == ["user.heketi.arbiter", "true"] }
    }

    /// `replicate 3`, `arbiter (replica 3, arbiter 1)`, `disperse 4+2` or `none`.
    static func durability(_ volume: VolumeInfoResponse) -> String {
        switch volume.durability.type ?? "none" {
        case "replicate":
            let replica = volume.durability.replicate?.replica ?? 2
            return Self.isArbiter(volume) ? "arbiter (replica \(replica), arbiter 1)" : "replicate \(replica)"
        case "disperse":
            return "disperse \(volume.durability.disperse?.data ?? 4)+\(volume.durability.disperse?.redundancy ?? 2)"
        default:
            return "none"
        }
    }

    /// How many bricks make one set: the replica count, data + redundancy, or 1.
    static func setSize(_ volume: VolumeInfoResponse) -> Int {
        switch volume.durability.type ?? "none" {
        case "replicate": return max(1, volume.durability.replicate?.replica ?? 2)
        case "disperse":
            return max(1, (volume.durability.disperse?.data ?? 4) + (volume.durability.disperse?.redundancy ?? 2))
        default: return 1
        }
    }

    /// The volume's details and its brick layout; `nodes` (by id) supply zones, hostnames and device names.
    static func info(_ volume: VolumeInfoResponse, nodes: [String: NodeInfoResponse]) -> [String] {
        let sets = volume.bricks.isEmpty ? 0 : (volume.bricks.count + Self.setSize(volume) - 1) / Self.setSize(volume)
        var fields = [
            ("Volume", volume.id), ("Name", volume.name), ("Cluster", volume.cluster),
            ("Size", SizeText.gibibytes(volume.size)), ("Durability", Self.durability(volume)),
            ("Distribute count", String(sets)),
            ("Snapshots", volume.snapshot.enable == true ? "enabled, factor \(volume.snapshot.factor ?? 1)" : "disabled"),
            ("Mount", volume.mount.glusterfs.device),
        ]
        if let options = Self.mountOptions(volume) { fields.append(("Mount options", options)) }
        fields.append(("Mount with", Self.mountCommand(volume)))
        if let gid = volume.gid, gid != 0 { fields.append(("GID", String(gid))) }
        var lines = FieldList.lines(fields)
        if !volume.glustervolumeoptions.isEmpty {
            lines.append("Gluster options:")
            lines += volume.glustervolumeoptions.map { "  " + $0 }
        }
        lines.append("Bricks:")
        lines += volume.bricks.isEmpty ? ["  (none)"] : Self.layout(volume, nodes: nodes)
        return lines
    }

    /// The mount options as `mount -o` takes them: `key=value` pairs joined by commas, with the backup volfile
    /// servers joined by colons as mount.glusterfs wants them (Heketi's JSON lists them with commas).
    static func mountOptions(_ volume: VolumeInfoResponse) -> String? {
        let options = volume.mount.glusterfs.options.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !options.isEmpty else { return nil }
        return options.map { key, value in
            guard key == Self.backupServersOption else { return "\(key)=\(value)" }
            let servers = value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            return "\(key)=\(servers.joined(separator: ":"))"
        }.joined(separator: ",")
    }

    static let backupServersOption = "backup-volfile-servers"

    /// A `mount` command line that mounts the volume as it is: the first server, the volume's name, and the others
    /// as backup volfile servers.
    static func mountCommand(_ volume: VolumeInfoResponse, at point: String = "/mnt/point") -> String {
        let device = volume.mount.glusterfs.device
        let server = volume.mount.glusterfs.hosts.first
            ?? device.firstIndex(of: ":").map { String(device[..<$0]) } ?? device
        var command = "mount -t glusterfs \(server):/\(volume.name) \(point)"
        if let options = Self.mountOptions(volume) { command += " -o " + options }
        return command
    }

    /// One row per brick in set order: set number, zone, node, device, size and path.
    static func layout(_ volume: VolumeInfoResponse, nodes: [String: NodeInfoResponse]) -> [String] {
        let setSize = Self.setSize(volume)
        let arbiter = Self.isArbiter(volume)
        var table = TextTable(["SET", "ZONE", "NODE", "DEVICE", "SIZE", "PATH"])
        for (index, brick) in volume.bricks.enumerated() {
            let node = nodes[brick.node]
            let device = node?.devices.first { $0.id == brick.device }
            var size = SizeText.kibibytes(brick.size)
            if arbiter, index % setSize == setSize - 1 { size += " (arbiter)" }
            table.add([
                String(index / setSize + 1), node.map { String($0.zone) } ?? "?",
                node?.hostnames.manage.first ?? brick.node, device?.name ?? brick.device, size, brick.path,
            ])
        }
        return table.lines(indent: "  ")
    }

    static func list(_ volumes: [VolumeInfoResponse]) -> [String] {
        guard !volumes.isEmpty else { return ["No volumes."] }
        var table = TextTable(["ID", "NAME", "SIZE", "DURABILITY", "CLUSTER"])
        for volume in volumes {
            table.add([volume.id, volume.name, SizeText.gibibytes(volume.size), Self.durability(volume), volume.cluster])
        }
        return table.lines()
    }
}

extension Array {
    /// nil for an empty array, so optional binding can skip empty sections.
    var nonEmpty: Self? { self.isEmpty ? nil : self }
}
