internal import Client
internal import HeketiAPI

/// Text output for `topology info` and `topology load`.
enum TopologyText {
    static func info(_ topology: TopologyInfo) -> [String] {
        guard !topology.clusters.isEmpty else { return ["No clusters."] }
        var lines: [String] = []
        for cluster in topology.clusters {
            if !lines.isEmpty { lines.append("") }
            let kinds = [cluster.file ? "file" : nil, cluster.block ? "block" : nil].compactMap { $0 }
            lines.append("Cluster \(cluster.id) (volumes: \(kinds.isEmpty ? "none" : kinds.joined(separator: ", ")))")
            lines.append("  Volumes:")
            if cluster.volumes.isEmpty {
                lines.append("    (none)")
            } else {
                var table = TextTable(["ID", "NAME", "SIZE", "DURABILITY", "BRICKS"])
                for volume in cluster.volumes {
                    table.add([
                        volume.id, volume.name, SizeText.gibibytes(volume.size), VolumeText.durability(volume),
                        String(volume.bricks.count),
                    ])
                }
                lines += table.lines(indent: "    ")
            }
            lines.append("  Nodes:")
            if cluster.nodes.isEmpty { lines.append("    (none)") }
            for node in cluster.nodes {
                lines.append(
                    "    \(node.hostnames.manage.first ?? "?") (\(node.id)) zone \(node.zone), \(node.state), "
                        + "storage \(node.hostnames.storage.joined(separator: ","))")
                lines += node.devices.isEmpty ? ["      (no devices)"] : NodeText.devices(node.devices, indent: "      ")
            }
        }
        return lines
    }

    /// One line per settled item, indented under its cluster and node.
    static func event(_ event: TopologyLoadEvent) -> String {
        let outcome: String
        switch event.outcome {
        case .created: outcome = event.kind == .device ? "added" : "created"
        case .found: outcome = "found, left as it is"
        case .failed: outcome = "failed: \(event.message ?? "")"
        }
        let id = event.id.map { " (\($0))" } ?? ""
        switch event.kind {
        case .cluster: return "Cluster \(event.id ?? ""): \(outcome)"
        case .node: return "  Node \(event.name)\(id): \(outcome)"
        case .device: return "    Device \(event.name)\(id): \(outcome)"
        }
    }

    static func summary(_ events: [TopologyLoadEvent]) -> String {
        func count(_ outcome: TopologyLoadEvent.Outcome) -> Int { events.filter { $0.outcome == outcome }.count }
        return "Topology loaded: \(count(.created)) created, \(count(.found)) already present, \(count(.failed)) failed"
    }
}
