import DesiredState
import Foundation
import StorageModel
import Testing

@Suite struct DesiredStateParserTests {
    static let topologyJSON = """
        {
          "clusters": [
            {
              "nodes": [
                {
                  "node": {"hostnames": {"manage": ["node1"], "storage": ["10.0.0.1"]}, "zone": 1},
                  "devices": ["/dev/sdb", {"name": "/dev/sdc", "destroydata": true, "tags": {"disk": "ssd"}}]
                },
                {
                  "node": {"hostnames": {"manage": ["node2"], "storage": ["10.0.0.2"]}, "zone": 2, "tags": {"rack": "b"}},
                  "devices": ["/dev/sdb"]
                }
              ]
            }
          ]
        }
        """

    @Test func readsHeketisTopologyJSONAsItIs() throws {
        let state = try DesiredStateParser.parse(file: "topology.json", text: Self.topologyJSON)
        #expect(state.clusters.count == 1)
        let nodes = try #require(state.clusters.first?.nodes)
        #expect(nodes.map(\.manageHostname) == ["node1", "node2"])
        #expect(nodes.map(\.storageHostname) == ["10.0.0.1", "10.0.0.2"])
        #expect(nodes.map(\.zone) == [1, 2])
        #expect(nodes[1].tags == ["rack": "b"])
        #expect(nodes[0].devices.map(\.name) == ["/dev/sdb", "/dev/sdc"])
        #expect(nodes[0].devices.map(\.destroyData) == [false, true])
        #expect(nodes[0].devices[1].tags == ["disk": "ssd"])
        #expect(nodes[0].location == SourceLocation(file: "topology.json", line: 5, column: 9))
    }

    @Test func readsClaimsInYAMLWithSeveralDocumentsPerFile() throws {
        let text = """
            kind: VolumeClaim
            name: app-data
            size: 10
            replica: 3
            options: ["performance.readdir-ahead on"]
            gid: 2000
            ---
            kind: VolumeClaim
            name: logs
            size: 4
            durability: disperse
            disperse: {data: 2, redundancy: 1}
            deletionPolicy: Delete
            ---
            kind: VolumeClaim
            name: scratch
            size: 1
            durability: none
            snapshot: {enable: true, factor: 2}
            """
        let state = try DesiredStateParser.parse(file: "claims.yaml", text: text)
        #expect(state.claims.map(\.name) == ["app-data", "logs", "scratch"])
        #expect(state.claims[0].size == .gibibytes(10))
        #expect(state.claims[0].durability == .replicate(3))
        #expect(state.claims[0].options == [VolumeOption(key: "performance.readdir-ahead", value: "on")])
        #expect(state.claims[0].gid == 2000)
        #expect(state.claims[0].deletionPolicy == .retain)
        #expect(state.claims[1].durability == .disperse(data: 2, redundancy: 1))
        #expect(state.claims[1].deletionPolicy == .delete)
        #expect(state.claims[2].durability == .distribute)
        #expect(state.claims[2].snapshot == SnapshotSettings(unchecked: true, factor: 2))
        #expect(state.claims[1].location == SourceLocation(file: "claims.yaml", line: 8, column: 1))
    }

    /// Every broken rule names the file, the line and column, and the rule.
    @Test(arguments: [
        ("kind: VolumeClaim\nname: a\nsize: 0\n", "bad.yaml:3:7: size"),
        ("kind: VolumeClaim\nname: a\nsize: 1\nreplica: 7\n", "bad.yaml:4:10: "),
        ("kind: VolumeClaim\nname: a\nsize: 1\nsizee: 2\n", "bad.yaml:4:1: VolumeClaim: unknown key \"sizee\""),
        ("kind: VolumeClaim\nsize: 1\n", "bad.yaml:1:1: VolumeClaim: \"name\" is required"),
        ("kind: Volume\nname: a\n", "bad.yaml:1:7: unknown kind \"Volume\""),
        ("kind: VolumeClaim\nname: a\nsize: ten\n", "bad.yaml:3:7: size (GiB) must be an integer"),
        ("kind: VolumeClaim\nname: a\nsize: 1\ndeletionPolicy: Sometimes\n", "bad.yaml:4:17: deletionPolicy must be Retain or Delete"),
        ("clusters:\n- nodes:\n  - node: {hostnames: {manage: [n1], storage: [n1]}, zone: 0}\n", "bad.yaml:3:60: zone: 0 is below the minimum 1"),
        ("clusters:\n- nodes:\n  - node: {hostnames: {manage: [n1], storage: [n1]}, zone: 1}\n    devices: [sdb]\n", "bad.yaml:4:15: name"),
        ("name: [unclosed\n", "bad.yaml:"),
        ("- just a list\n", "bad.yaml:1:1: a document must be a mapping"),
    ])
    func badDocumentsAreRefusedWithTheirPosition(text: String, message: String) {
        #expect {
            _ = try DesiredStateParser.parse(file: "bad.yaml", text: text)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func hostnamesDevicesAndClaimNamesMustBeUniqueAcrossFiles() throws {
        let one = try DesiredStateParser.parse(file: "a.json", text: Self.topologyJSON)
        #expect(throws: DesiredStateError.self) { try DesiredStateParser.merge([one, one]) }
        let claim = try DesiredStateParser.parse(file: "c.yaml", text: "kind: VolumeClaim\nname: a\nsize: 1\n")
        #expect {
            try DesiredStateParser.merge([claim, claim])
        } throws: { error in
            "\(error)" == "c.yaml:1:1: volume claim \"a\" is already defined at c.yaml:1:1"
        }
        let twice = """
            clusters:
            - nodes:
              - node: {hostnames: {manage: [n1], storage: [n1]}, zone: 1}
                devices: [/dev/sdb, /dev/sdb]
            """
        #expect(throws: DesiredStateError.self) {
            try DesiredStateParser.merge([try DesiredStateParser.parse(file: "t.yaml", text: twice)])
        }
        #expect(try DesiredStateParser.merge([one, claim]).claims.count == 1)
    }
}
