/// A cluster built through the REST API for the load driver: nodes in three zones, each with the same devices.
struct TopologyShape: Sendable {
    var name: String
    var nodes: Int
    var devicesPerNode: Int

    static let small = TopologyShape(name: "small", nodes: 30, devicesPerNode: 4)
    static let large = TopologyShape(name: "large", nodes: 300, devicesPerNode: 8)

    var devices: Int { self.nodes * self.devicesPerNode }

    /// Heketi zones start at 1; nodes go round-robin over three.
    func zone(ofNode index: Int) -> Int { 1 + index % 3 }

    func hostname(ofNode index: Int) -> String { "node\(index).bench" }

    /// `/dev/sdb`, `/dev/sdc`, ... (`/dev/sda` is left to the system disk).
    func deviceName(_ index: Int) -> String {
        let letters = Array("bcdefghijklmnopqrstuvwxyz")
        return "/dev/sd" + String(letters[index % letters.count])
    }

    /// Adds the shape's name, nodes and devices to a result line.
    func describe(_ line: inout JSONLine) {
        line.add("shape", self.name)
        line.add("nodes", self.nodes)
        line.add("devices", self.devices)
    }
}
