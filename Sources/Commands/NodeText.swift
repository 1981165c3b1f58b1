internal import HeketiAPI

/// Text output for nodes and devices.
enum NodeText {
    static func info(_ node: NodeInfoResponse) -> [String] {
        var lines = FieldList.lines([
            ("Node", node.id), ("Cluster", node.cluster), ("Zone", String(node.zone)), ("State", node.state),
            ("Management hostname", node.hostnames.manage.joined(separator: ",")),
            ("Storage hostname", node.hostnames.storage.joined(separator: ",")), ("Tags", SizeText.tags(node.tags)),
        ])
        lines.append("Devices:")
        lines += node.devices.isEmpty ? ["  (none)"] : Self.devices(node.devices, indent: "  ")
        return lines
    }

    static func devices(_ devices: [DeviceInfoResponse], indent: String) -> [String] {
        var table = TextTable(["NAME", "ID", "STATE", "SIZE", "USED", "FREE", "BRICKS"])
        for device in devices.sorted(by: { $0.name < $1.name }) {
            table.add([
                device.name, device.id, device.state, SizeText.kibibytes(device.storage.total),
                SizeText.kibibytes(device.storage.used), SizeText.kibibytes(device.storage.free),
                String(device.bricks.count),
            ])
        }
        return table.lines(indent: indent)
    }

    static func list(_ nodes: [NodeInfoResponse]) -> [String] {
        guard !nodes.isEmpty else { return ["No nodes."] }
        var table = TextTable(["ID", "CLUSTER", "ZONE", "STATE", "MANAGE", "STORAGE", "DEVICES", "FREE"])
        for node in nodes {
            table.add([
                node.id, node.cluster, String(node.zone), node.state, node.hostnames.manage.joined(separator: ","),
                node.hostnames.storage.joined(separator: ","), String(node.devices.count),
                SizeText.kibibytes(node.devices.reduce(0) { $0 + $1.storage.free }),
            ])
        }
        return table.lines()
    }

    static func device(_ device: DeviceInfoResponse) -> [String] {
        var fields = [
            ("Device", device.id), ("Name", device.name), ("State", device.state),
            ("Size", SizeText.kibibytes(device.storage.total)), ("Used", SizeText.kibibytes(device.storage.used)),
            ("Free", SizeText.kibibytes(device.storage.free)), ("Tags", SizeText.tags(device.tags)),
        ]
        if let backend = device.backend { fields.append(("Backend", backend)) }
        if device.sizeEnforced == false { fields.append(("Brick sizes", "accounted, not enforced")) }
        var lines = FieldList.lines(fields)
        lines.append("Bricks:")
        if device.bricks.isEmpty {
            lines.append("  (none)")
        } else {
            var table = TextTable(["ID", "VOLUME", "SIZE", "PATH"])
            for brick in device.bricks {
                table.add([brick.id, brick.volume, SizeText.kibibytes(brick.size), brick.path])
            }
            lines += table.lines(indent: "  ")
        }
        return lines
    }
}
