import Curl
import EventLog
import Foundation
import HTTPTypes
import HeketiAPI
import HeketiImport
import StorageModel
import Store
import StoreRecords
import Testing

/// The endpoints heketi-cli calls beyond the resources: `/internal/logging`, `/internal/state/examine/gluster`,
/// `/db/check`, and the wire details its clients notice.
@Suite struct InternalEndpointTests {
    @Test func logLevelReadsBackAsSetAndABadOneChangesNothing() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let initial = try await api.get("/internal/logging")
            #expect(initial.status == 200)
            #expect(initial.headers["Content-Type"] == "application/json; charset=UTF-8")
            #expect(try api.decode(LogLevelMessage.self, initial).loglevel == ["glusterfs": "info"])
            let set = try await api.post("/internal/logging", #"{"loglevel":{"glusterfs":"debug"}}"#)
            #expect(set.status == 200)
            #expect(try api.decode(LogLevelMessage.self, set).loglevel == ["glusterfs": "debug"])
            #expect(server.logThreshold.minimum == .debug)
            let refused = try await api.post("/internal/logging", #"{"loglevel":{"glusterfs":"loud"}}"#)
            expectError(refused, 422)
            #expect(refused.bodyText == "invalid log level: loud\n")
            let after = try await api.get("/internal/logging")
            #expect(try api.decode(LogLevelMessage.self, after).loglevel == ["glusterfs": "debug"])
            let none = try await api.post("/internal/logging", #"{"loglevel":{"glusterfs":"none"}}"#)
            #expect(none.status == 200)
            #expect(server.logThreshold.minimum == nil)
        }
    }

    @Test func aUserMayNotChangeTheLogLevel() async throws {
        try await TestServer.with { server in
            let response = try await server.user.post("/internal/logging", #"{"loglevel":{"glusterfs":"debug"}}"#)
            expectError(response, 401)
        }
    }

    @Test func databaseCheckIsCleanAfterRealWork() async throws {
        try await TestServer.with { server in
            let api = server.admin
            _ = try await api.makeCluster(nodes: 3, devicesPerNode: 2)
            let volume = try await api.createVolume(StatusCodeTests.replica3)
            #expect(try await api.perform("POST", "/volumes/\(volume)/expand", body: #"{"expand_size":2}"#).status == 303)
            let check = try await api.get("/db/check")
            #expect(check.status == 200)
            #expect(try api.decode(DatabaseCheckResponse.self, check) == DatabaseCheckResponse(ok: true, problems: []))
        }
    }

    /// Damage of the kind two interleaved mutations used to leave: a volume marked by a finished operation, its
    /// size not matching its sets. The check names each problem.
    @Test func databaseCheckReportsOrphanMarkersAndSizeMismatches() async throws {
        try await TestServer.with { server in
            let api = server.admin
            _ = try await api.makeCluster()
            let volume = try await api.createVolume(StatusCodeTests.replica3)
            let id = try VolumeID(parsing: volume)
            let finished = try #require(try await server.store.operations(status: .succeeded).last)
            var stored = try #require(try await server.store.topology().volumes[id])
            stored.size = .gibibytes(30)
            try await server.store.commit([.updateVolume(stored), .markPending(.volume(id), finished.id)])
            let report = try api.decode(DatabaseCheckResponse.self, try await api.get("/db/check"))
            #expect(!report.ok)
            #expect(
                report.problems.contains(
                    "volume \(volume) is marked by operation \(finished.id), which has finished (succeeded): it stays hidden and its space reserved"))
            #expect(report.problems.contains { $0.hasPrefix("volume \(volume) records 30 GiB, but its 1 brick set holds 1 GiB") })
        }
    }

    @Test func examiningNeedsNodesToAsk() async throws {
        try await TestServer.with { server in
            let response = try await server.admin.get("/internal/state/examine/gluster")
            expectError(response, 501, containing: ["mock executor"])
        }
    }

    @Test func anUnknownPathWithoutATokenIs401AsHeketiAuthenticatesFirst() async throws {
        try await TestServer.with { server in
            let anonymous = server.client(.anonymous)
            expectError(try await anonymous.get("/no/such/path"), 401)
            expectError(try await server.admin.get("/no/such/path"), 404)
            #expect(try await anonymous.get("/hello").status == 200)
        }
    }

    /// What `GET /db/dump` writes, `import-heketi` reads back: the same clusters, nodes, devices, volumes (sets in
    /// order) and bricks as the store holds, for every durability and after an expansion and a device removal.
    @Test func theDumpImportsBackToTheSameTopology() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster(nodes: 4, devicesPerNode: 2)
            let replica = try await api.createVolume(StatusCodeTests.replica3)
            #expect(try await api.perform("POST", "/volumes/\(replica)/expand", body: #"{"expand_size":1}"#).status == 303)
            _ = try await api.createVolume(#"{"size":2,"durability":{"type":"disperse","disperse":{"data":2,"redundancy":1}},"gid":2001}"#)
            _ = try await api.createVolume(#"{"size":2,"durability":{"type":"replicate","replicate":{"replica":3}},"glustervolumeoptions":["user.heketi.arbiter true"]}"#)
            _ = try await api.createVolume(#"{"size":1,"durability":{"type":"none"},"snapshot":{"enable":true,"factor":1.5}}"#)
            let device = layout.devices[0]
            #expect(try await api.perform("POST", "/devices/\(device)/state", body: #"{"state":"offline"}"#).status == 204)
            #expect(try await api.perform("POST", "/devices/\(device)/state", body: #"{"state":"failed"}"#).status == 204)
            let dump = try await api.get("/db/dump")
            let imported = try HeketiExportConverter.convert(dump.body)
            let stored = try await server.store.topology()
            #expect(imported.clusters == stored.clusters.values.sorted { $0.id < $1.id })
            #expect(Set(imported.nodes) == Set(stored.nodes.values))
            #expect(Set(imported.devices.map { Self.withoutUsage($0) }) == Set(stored.devices.values.map { Self.withoutUsage($0) }))
            #expect(Set(imported.bricks) == Set(stored.bricks.values))
            #expect(imported.volumes.count == stored.volumes.count)
            for volume in imported.volumes {
                let original = try #require(stored.volumes[volume.id])
                #expect(volume.brickSets == original.brickSets, "\(volume.name)")
                #expect(volume.size == original.size && volume.durability == original.durability)
                #expect(volume.snapshot == original.snapshot && volume.gid == original.gid)
                #expect(volume.options.filter { $0.key != "user.heketi.id" } == original.options.filter { $0.key != "user.heketi.id" })
            }
        }
    }

    static func withoutUsage(_ device: Device) -> Device {
        var device = device
        device.used = .zero
        return device
    }
}

extension InternalEndpointTests {
    /// Bodies heketi-cli never sends get Heketi's answers all the same, and change nothing.
    @Test(arguments: [
        ("{not json", 400, "request unable to be parsed: the body is not JSON"),
        ("{}", 422, #"Only "glusterfs" logger may be modified"#),
        (#"{"glusterfs":"debug"}"#, 422, #"Only "glusterfs" logger may be modified"#),
        (#"{"loglevel":{"other":"debug"}}"#, 422, #"Only "glusterfs" logger may be modified"#),
    ])
    func malformedLogLevelBodies(body: String, status: Int, message: String) async throws {
        try await TestServer.with { server in
            let response = try await server.admin.post("/internal/logging", body)
            expectError(response, status)
            #expect(response.bodyText == message + "\n")
            #expect(server.logThreshold.name == "info")
        }
    }
}
