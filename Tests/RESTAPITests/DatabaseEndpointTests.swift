import TestSupport
import Curl
import Foundation
import HTTPTypes
import HeketiAPI
import StorageModel
import Store
import Testing

/// `GET /db/dump` and `GET /backup/db`: the store as JSON, and a consistent SQLite copy that opens on its own.
@Suite struct DatabaseEndpointTests {
    @Test func dumpIsHeketisExportFormatHoldingTheVolume() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster()
            let volume = try await api.createVolume(StatusCodeTests.replica3)
            let response = try await api.get("/db/dump")
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == "application/json; charset=UTF-8")
            let document = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            #expect(
                Set(document.keys) == [
                    "clusterentries", "nodeentries", "deviceentries", "brickentries", "volumeentries",
                    "blockvolumeentries", "dbattributeentries", "pendingoperations",
                ])
            let volumes = try #require(document["volumeentries"] as? [String: [String: Any]])
            let entry = try #require(volumes[volume])
            #expect((entry["Bricks"] as? [String])?.count == 3)
            let info = try #require(entry["Info"] as? [String: Any])
            #expect(info["size"] as? Int == 1 && info["cluster"] as? String == layout.cluster)
            #expect((document["clusterentries"] as? [String: Any])?.keys.sorted() == [layout.cluster])
            #expect((document["nodeentries"] as? [String: Any])?.count == 3)
            #expect((document["brickentries"] as? [String: Any])?.count == 3)
            #expect((document["pendingoperations"] as? [String: Any])?.isEmpty == true)
        }
    }

    @Test func brickyardsOwnDumpIsBehindAFormatParameter() async throws {
        try await TestServer.with { server in
            let api = server.admin
            _ = try await api.makeCluster()
            _ = try await api.createVolume(StatusCodeTests.replica3)
            let native = try await api.get("/db/dump?format=brickyard")
            let document = try #require(try JSONSerialization.jsonObject(with: native.body) as? [String: Any])
            #expect((document["volumes"] as? [Any])?.count == 1)
            let refused = try await api.get("/db/dump?format=xml")
            #expect(refused.status == 400)
            #expect(refused.bodyText == "format: \"xml\" must be one of heketi, brickyard\n")
        }
    }

    @Test func backupIsAnSQLiteFileThatOpensWithTheVolume() async throws {
        try await TestServer.with { server in
            let api = server.admin
            _ = try await api.makeCluster()
            let volume = try await api.createVolume(StatusCodeTests.replica3)
            let response = try await api.get("/backup/db")
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == "application/octet-stream")
            #expect(response.body.starts(with: Array("SQLite format 3\0".utf8)))

            let path = server.directory.path("copy.db")
            #expect(FileManager.default.createFile(atPath: path, contents: response.body))
            let copy = try SQLiteStore(path: path)
            let topology = try await copy.topology(includingPending: false)
            let id = try VolumeID(parsing: volume)
            let restored = try #require(topology.volumes[id])
            #expect(restored.name == "vol_\(volume)")
            #expect(topology.nodes.count == 3)
            #expect(topology.bricks(of: restored).joined().count == 3)
            // The temporary copy the server made is gone.
            let left = try FileManager.default.contentsOfDirectory(atPath: server.directory.url.path)
            #expect(!left.contains { $0.hasPrefix("brickyard-backup-") }, "\(left)")
        }
    }
}
