import DesiredState
import Foundation
import StorageModel
import Testing

/// `apiVersion: brickyard.io/v1alpha1` documents mapped to the model, and refused as the apiserver refuses them.
@Suite struct BrickyardResourceTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/desired-state/brickyard-resources.yaml")

    static func read(_ text: String, file: String = "doc.yaml") throws(DesiredStateError) -> DesiredState {
        try DesiredStateParser.merge([try DesiredStateParser.parse(file: file, text: text)])
    }

    static func error(_ text: String) -> DesiredStateError? {
        do throws(DesiredStateError) {
            _ = try Self.read(text)
            return nil
        } catch {
            return error
        }
    }

    static func volume(_ spec: String, metadata: String = "name: data") -> String {
        """
        apiVersion: brickyard.io/v1alpha1
        kind: GlusterVolume
        metadata: {\(metadata)}
        spec: {\(spec)}
        """
    }

    @Test func mapsTheSampleDocumentsToTheModel() throws {
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        let state = try Self.read(text, file: "resources.yaml")
        let cluster = try #require(state.clusters.first)
        #expect(state.clusters.count == 1)
        #expect(state.ungroupedNodes.isEmpty)
        #expect(cluster.name == "main")
        #expect(cluster.settings.zoneChecking == .strict)
        #expect(cluster.settings.minimumBrickSize == .gibibytes(2))
        #expect(cluster.settings.maximumBrickSize == .tebibytes(1))
        #expect(cluster.settings.access == .kubectlExec(namespace: "storage", selector: .daemonSet("glusterfs"), container: "glusterd"))
        #expect(cluster.settings.zoneLabel == "topology.kubernetes.io/zone")
        #expect(cluster.nodes.map(\.name) == ["node1", "node2", "node3"])
        #expect(cluster.nodes.map(\.clusterName) == ["main", "main", "main"])
        #expect(cluster.nodes.map(\.manageHostname) == ["node1.example.com", "node2.example.com", "node3.example.com"])
        #expect(cluster.nodes.map(\.zone) == [1, 2, 1])
        #expect(cluster.nodes[1].tags == ["rack": "b"])
        #expect(cluster.nodes[0].devices.map(\.destroyData) == [false, true])
        #expect(cluster.nodes[0].devices[1].tags == ["disk": "ssd"])
        #expect(cluster.nodes[0].location == SourceLocation(file: "resources.yaml", line: 12, column: 1))
        let claim = try #require(state.claims.first)
        #expect(claim.name == "shop.data")
        #expect(claim.namespace == "shop")
        #expect(claim.volumeName == "shop_shop_data")
        #expect(claim.generation == 4)
        #expect(claim.size == .gibibytes(2))
        #expect(claim.durability == .arbiter)
        #expect(claim.options == [VolumeOption(key: "performance.read-ahead", value: "off")])
        #expect(claim.gid == 2000)
        #expect(claim.snapshot == SnapshotSettings(unchecked: true, factor: 1.5))
        #expect(claim.clusterName == "main")
        #expect(claim.cluster == nil)
        #expect(claim.deletionPolicy == .delete)
    }

    @Test func fillsTheDescriptionsDefaults() throws {
        let state = try Self.read(Self.volume("size: 10Gi"))
        let claim = try #require(state.claims.first)
        #expect(claim.namespace == "default")
        #expect(claim.volumeName == "default_data")
        #expect(claim.durability == .replicate(3))
        #expect(claim.deletionPolicy == .retain)
        #expect(claim.snapshot == .disabled)
        #expect(claim.generation == 1)
        let disperse = try Self.read(Self.volume("size: 1Ti, durability: {type: Disperse}"))
        #expect(disperse.claims.first?.durability == .disperse(data: 4, redundancy: 2))
        #expect(disperse.claims.first?.size == .tebibytes(1))
    }

    @Test(arguments: [
        ("1500Mi", Int64(2)), ("1Gi", 1), ("1.5Gi", 2), ("10737418240", 10), ("2G", 2), ("1Ti", 1024), ("1.0000001Gi", 2),
    ])
    func roundsSizesUpToWholeGibibytes(size: String, gibibytes: Int64) throws {
        let state = try Self.read(Self.volume("size: \(size)"))
        #expect(state.claims.first?.size == .gibibytes(gibibytes))
    }

    @Test func quantitiesFollowTheSchemasPattern() {
        #expect(Quantity.bytes(in: "1500Mi") == 1500 << 20)
        #expect(Quantity.bytes(in: ".5Ki") == 512)
        #expect(Quantity.bytes(in: "1.5k") == 1500)
        for bad in ["", "Gi", "-1Gi", "1e3", "1GiB", "1 Gi", "1..2", "500m"] { #expect(Quantity.bytes(in: bad) == nil, "\(bad)") }
        #expect(Quantity.bytes(in: "16Ei") == nil)
    }

    @Test(arguments: [
        (volume("size: 10Gi, sise: 1"), "doc.yaml:4:20: spec: unknown key \"sise\""),
        (volume("size: 10 GiB"), "doc.yaml:4:14: spec.size must be a quantity such as 10Gi or 1.5Ti, or an integer of bytes"),
        (volume("size: 512Mi"), "doc.yaml:4:14: spec.size: 512 MiB is below the minimum 1 GiB"),
        (volume("size: 1Gi, durability: {type: Mirror}"), "spec.durability.type must be one of Replicate, Disperse, None"),
        (volume("size: 1Gi, durability: {replica: 4}"), "spec.durability.replica must be at most 3"),
        (volume("size: 1Gi, durability: {type: Disperse, disperse: {data: 3, redundancy: 1}}"), "durability.disperse"),
        (volume("size: 1Gi, durability: {type: None, arbiter: true}"), "arbiter volumes are Replicate with replica 3"),
        (volume("size: 1Gi, options: {user.brickyard.claim: x}"), "Brickyard's own"),
        (volume("size: 1Gi, snapshotFactor: 0.5"), "spec.snapshotFactor must be at least 1"),
        (volume("size: 1Gi, deletionPolicy: delete"), "spec.deletionPolicy must be one of Retain, Delete"),
        (volume("size: 1Gi, volumeName: a.b"), "name"),
        (volume("durability: {}"), "spec: \"size\" is required"),
        (volume("size: 1Gi", metadata: "name: Data"), "metadata.name must be lowercase"),
        (volume("size: 1Gi", metadata: "name: data, owner: me"), "metadata: unknown key \"owner\""),
    ])
    func refusesWhatTheAPIServerRefuses(document: String, message: String) throws {
        let error = try #require(Self.error(document))
        #expect(error.description.contains(message), "\(error)")
    }

    @Test func refusesANodeOfAnUndefinedCluster() throws {
        let node = """
            apiVersion: brickyard.io/v1alpha1
            kind: GlusterNode
            metadata: {name: node1}
            spec: {cluster: other, manageHostname: node1, storageHostname: 10.0.0.1}
            """
        let error = try #require(Self.error(node))
        #expect(error.description == "doc.yaml:1:1: GlusterNode \"node1\": no GlusterCluster \"other\" is defined")
        let namespaced = try #require(Self.error(node.replacingOccurrences(of: "{name: node1}", with: "{name: node1, namespace: x}")))
        #expect(namespaced.rule == "GlusterNode is cluster-scoped: metadata.namespace is not allowed")
    }

    @Test func refusesDuplicatesNamingTheFirst() throws {
        let cluster = "apiVersion: brickyard.io/v1alpha1\nkind: GlusterCluster\nmetadata: {name: main}\nspec: {}\n"
        let clusters = try #require(Self.error(cluster + "---\n" + cluster))
        #expect(clusters.description == "doc.yaml:6:1: GlusterCluster \"main\" is already defined at doc.yaml:1:1")
        let volumes = try #require(Self.error(Self.volume("size: 1Gi") + "\n---\n" + Self.volume("size: 2Gi")))
        #expect(volumes.description == "doc.yaml:6:1: volume claim \"default/data\" is already defined at doc.yaml:1:1")
        // One name in two namespaces is two claims with two volumes.
        let two = try Self.read(Self.volume("size: 1Gi") + "\n---\n" + Self.volume("size: 1Gi", metadata: "name: data, namespace: b"))
        #expect(two.claims.map(\.volumeName) == ["default_data", "b_data"])
    }

    @Test func readsAnObjectFromTheAPIServer() throws {
        let json = """
            {"apiVersion":"brickyard.io/v1alpha1","kind":"GlusterVolume",
             "metadata":{"name":"data","namespace":"shop","generation":7,"resourceVersion":"123"},
             "spec":{"size":"20Gi","durability":{"type":"Replicate","replica":3,"arbiter":false}},
             "status":{"phase":"Ready"}}
            """
        guard case .volume(let claim) = try DesiredStateParser.resource(json: json, label: "kubernetes:shop/data") else {
            Issue.record("not a volume")
            return
        }
        #expect(claim.size == .gibibytes(20))
        #expect(claim.generation == 7)
        #expect(claim.location.file == "kubernetes:shop/data")
        do throws(DesiredStateError) {
            _ = try DesiredStateParser.resource(json: #"{"apiVersion":"brickyard.io/v1alpha1","kind":"GlusterVolume","metadata":{"name":"x"},"spec":{"size":"1Gi","color":"red"}}"#, label: "kubernetes:default/x")
            Issue.record("accepted an unknown field")
        } catch {
            #expect(error.description.hasPrefix("kubernetes:default/x:1:"))
            #expect(error.rule.contains("unknown key \"color\""))
        }
    }

    @Test func heketiTopologyAndVolumeClaimsStillMergeWithResources() throws {
        let claim = "kind: VolumeClaim\nname: legacy\nsize: 5\n"
        let state = try DesiredStateParser.merge([
            try DesiredStateParser.parse(file: "a.yaml", text: claim),
            try DesiredStateParser.parse(file: "b.yaml", text: Self.volume("size: 1Gi")),
        ])
        #expect(state.claims.map(\.volumeName) == ["legacy", "default_data"])
        #expect(state.claims.map(\.namespace) == [nil, "default"])
    }
}
