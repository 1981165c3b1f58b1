import Foundation
import HeketiAPI
import StorageModel
import Testing

@Suite struct VolumeCreateRequestTests {
    func decode(_ json: String) throws -> VolumeCreateRequest {
        try JSONDecoder().decode(VolumeCreateRequest.self, from: Data(json.utf8))
    }

    @Test func decodesHeketisDocumentedExample() throws {
        let request = try self.decode(
            """
            {"size": 100, "snapshot": {"enable": true, "factor": 1.2},
             "durability": {"type": "replicate", "replicate": {"replica": 3}},
             "clusters": ["2f84c71240f43e16808bc64b05ad0d06", "5a2c52d04075373e80dbfa1e291ba0de"]}
            """)
        let spec = try request.validated()
        #expect(spec.size == .gibibytes(100))
        #expect(spec.durability == .replicate(3))
        #expect(spec.snapshot == SnapshotSettings(unchecked: true, factor: 1.2))
        #expect(spec.clusters.map(\.description) == ["2f84c71240f43e16808bc64b05ad0d06", "5a2c52d04075373e80dbfa1e291ba0de"])
        #expect(spec.name == nil)
    }

    @Test(arguments: [
        (#"{"size": 1}"#, Durability.distribute),
        (#"{"size": 1, "durability": {"type": ""}}"#, .distribute),
        (#"{"size": 1, "durability": {"type": "none"}}"#, .distribute),
        (#"{"size": 1, "durability": {"type": "replicate"}}"#, .replicate(2)),
        (#"{"size": 1, "durability": {"type": "replicate", "replicate": {}}}"#, .replicate(2)),
        (#"{"size": 1, "durability": {"type": "replicate", "replicate": {"replica": 3}}, "glustervolumeoptions": ["user.heketi.arbiter true"]}"#, .arbiter),
        (#"{"size": 4, "durability": {"type": "disperse"}}"#, .disperse(data: 4, redundancy: 2)),
        (#"{"size": 8, "durability": {"type": "disperse", "disperse": {"data": 8, "redundancy": 3}}}"#, .disperse(data: 8, redundancy: 3)),
    ])
    func appliesHeketisDurabilityDefaults(json: String, durability: Durability) throws {
        #expect(try self.decode(json).validated().durability == durability)
    }

    @Test(arguments: [
        (#"{"size": 0}"#, "size"),
        (#"{"size": -5}"#, "size"),
        (#"{"size": 9223372036854775807}"#, "size"),
        (#"{"size": 1, "name": "bad name"}"#, "name"),
        (#"{"size": 1, "gid": -1}"#, "gid"),
        (#"{"size": 1, "gid": 2147483648}"#, "gid"),
        (#"{"size": 1, "durability": {"type": "replicate", "replicate": {"replica": 4}}}"#, "durability.replicate.replica"),
        (#"{"size": 1, "durability": {"type": "disperse", "disperse": {"data": 3, "redundancy": 1}}}"#, "durability.disperse"),
        (#"{"size": 1, "durability": {"type": "mirror"}}"#, "durability.type"),
        (#"{"size": 1, "snapshot": {"enable": true, "factor": 0.5}}"#, "snapshot.factor"),
        (#"{"size": 1, "snapshot": {"enable": true, "factor": 101}}"#, "snapshot.factor"),
        (#"{"size": 1, "clusters": ["nothex"]}"#, "cluster"),
        (#"{"size": 1, "glustervolumeoptions": ["novalue"]}"#, "glustervolumeoptions[0]"),
        (#"{"size": 1, "glustervolumeoptions": ["user.heketi.arbiter true"]}"#, "user.heketi.arbiter"),
        (#"{"size": 1, "block": true}"#, "block"),
    ])
    func refusesBadRequestsNamingTheField(json: String, field: String) throws {
        let request = try self.decode(json)
        #expect {
            try request.validated()
        } throws: { error in
            (error as? ValidationError)?.field == field
        }
    }

    @Test func snapshotWithoutFactorUsesHeketisDefault() throws {
        let spec = try self.decode(#"{"size": 2, "snapshot": {"enable": true}}"#).validated()
        #expect(spec.snapshot.effectiveFactor == 1.5)
        let disabled = try self.decode(#"{"size": 2, "snapshot": {"enable": false, "factor": 50}}"#).validated()
        #expect(disabled.snapshot.effectiveFactor == 1)
    }

    @Test func wrongJSONTypesAreDecodingErrors() {
        #expect(throws: DecodingError.self) { try self.decode(#"{"size": "10"}"#) }
        #expect(throws: DecodingError.self) { try self.decode(#"{"size": 1.5}"#) }
        #expect(throws: DecodingError.self) { try self.decode(#"{"name": "x"}"#) }
    }

    @Test func expandAndTagMessagesUseHeketisKeys() throws {
        let expand = try JSONDecoder().decode(VolumeExpandRequest.self, from: Data(#"{"expand_size": 10}"#.utf8))
        #expect(expand.expandSize == 10)
        let tags = try JSONDecoder().decode(
            TagsChangeRequest.self, from: Data(#"{"change_type": "update", "tags": {"arbiter": "required"}}"#.utf8))
        #expect(tags.changeType == "update")
        #expect(tags.tags == ["arbiter": "required"])
    }

    @Test func nodeInfoEncodesAsHeketiDoes() throws {
        let info = NodeInfoResponse(
            zone: 1, hostnames: HostnamesMessage(manage: ["n1"], storage: ["10.0.0.1"]),
            cluster: "67e267ea403dfcdf80731165b300d1ca", id: "88ddb76ad403dfcdf80731165b300d1c", state: "online",
            devices: [
                DeviceInfoResponse(
                    name: "/dev/sdh", id: "49a9bd2e40df882180479024ac4c24c8", state: "online",
                    storage: StorageMessage(total: 2_000_000, free: 2_000_000, used: 0), bricks: [], tags: nil)
            ], tags: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(info), as: UTF8.self)
        #expect(text.contains(#""hostnames":{"manage":["n1"],"storage":["10.0.0.1"]}"#))
        #expect(text.contains(#""storage":{"free":2000000,"total":2000000,"used":0}"#))
        #expect(!text.contains("tags"))
        #expect(try JSONDecoder().decode(NodeInfoResponse.self, from: Data(text.utf8)) == info)
    }
}
