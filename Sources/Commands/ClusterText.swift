internal import HeketiAPI

/// Text output for clusters.
enum ClusterText {
    static func info(_ cluster: ClusterInfoResponse) -> [String] {
        var lines = FieldList.lines([
            ("Cluster", cluster.id), ("File volumes", SizeText.yesNo(cluster.file)),
            ("Block volumes", SizeText.yesNo(cluster.block)), ("Nodes", String(cluster.nodes.count)),
            ("Volumes", String(cluster.volumes.count)),
        ])
        if !cluster.nodes.isEmpty {
            lines.append("Node ids:")
            lines += cluster.nodes.map { "  " + $0 }
        }
        if !cluster.volumes.isEmpty {
            lines.append("Volume ids:")
            lines += cluster.volumes.map { "  " + $0 }
        }
        return lines
    }

    static func list(_ clusters: [ClusterInfoResponse]) -> [String] {
        guard !clusters.isEmpty else { return ["No clusters."] }
        var table = TextTable(["ID", "NODES", "VOLUMES", "FILE", "BLOCK"])
        for cluster in clusters {
            table.add([
                cluster.id, String(cluster.nodes.count), String(cluster.volumes.count), SizeText.yesNo(cluster.file),
                SizeText.yesNo(cluster.block),
            ])
        }
        return table.lines()
    }
}
