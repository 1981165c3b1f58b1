import Curl
import Planning
import Executor
import Foundation
import HTTPTypes
import HeketiAPI
import TestSupport
import Testing

/// Every status code the API answers, each provoked over HTTP.
@Suite struct StatusCodeTests {
    static let replica3 = #"{"size":1,"durability":{"type":"replicate","replicate":{"replica":3}}}"#

    @Test func successCodesFollowHeketisAsyncProtocol() async throws {
        try await TestServer.with { server in
            let api = server.admin
            #expect(try await api.get("/clusters").status == 200)
            let cluster = try await api.post("/clusters", #"{"block":false}"#)
            #expect(cluster.status == 201)
            let id = try api.decode(ClusterInfoResponse.self, cluster).id
            #expect(try await api.fetch(ClusterInfoResponse.self, "/clusters/\(id)").block == false)

            // While the operation runs its queue entry answers 200 with X-Pending.
            server.executor.close()
            let body = try APIClient.json(
                NodeAddRequest(zone: 1, hostnames: HostnamesMessage(manage: ["a"], storage: ["a"]), cluster: id))
            let accepted = try await api.post("/nodes", body)
            #expect(accepted.status == 202)
            let location = try #require(accepted.headers["Location"])
            #expect(location.hasPrefix("/queue/"))
            let pending = try await api.get(location)
            #expect(pending.status == 200)
            #expect(pending.headers["X-Pending"] == "true")
            // A node still being added is not visible yet.
            #expect(try await api.fetch(ClusterInfoResponse.self, "/clusters/\(id)").nodes.isEmpty)
            server.executor.open()
            let node = try APIClient.id(from: try await api.poll(location), under: "/nodes/")

            let device = try await api.perform("POST", "/devices", body: #"{"node":"\#(node)","name":"/dev/sdb"}"#)
            #expect(device.status == 204)
            #expect(device.body.isEmpty)
            #expect(try await api.get(location).status == 303, "still readable after completion")
        }
    }

    @Test func validationIsA400NamingTheField() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let cluster = try await api.createCluster()
            let zero = try await api.post(
                "/nodes", #"{"zone":0,"hostnames":{"manage":["a"],"storage":["a"]},"cluster":"\#(cluster)"}"#)
            expectError(zero, 400, containing: ["zone"])
            let noHost = try await api.post(
                "/nodes", #"{"zone":1,"hostnames":{"manage":[],"storage":["a"]},"cluster":"\#(cluster)"}"#)
            expectError(noHost, 400, containing: ["hostnames.manage"])
            expectError(try await api.post("/volumes", #"{"size":0}"#), 400, containing: ["size"])
            expectError(
                try await api.post("/volumes", #"{"size":1,"durability":{"type":"mirror"}}"#), 400,
                containing: ["durability.type"])
            expectError(try await api.post("/admin", #"{"state":"sleepy"}"#), 400, containing: ["state"])
            #expect(try await api.fetch(ClusterInfoResponse.self, "/clusters/\(cluster)").nodes.isEmpty)
        }
    }

    @Test func missingCredentialsAre401() async throws {
        try await TestServer.with { server in
            expectError(try await server.admin.send("GET", "/clusters", authorization: .omitted), 401)
        }
    }

    @Test(arguments: [
        "/clusters/", "/nodes/", "/devices/", "/volumes/", "/queue/",
    ])
    func unknownAndNonHexIDsAre404IdNotFound(prefix: String) async throws {
        try await TestServer.with { server in
            let api = server.admin
            for id in ["0123456789abcdef0123456789abcdef", "not-an-id", "0123456789ABCDEF0123456789ABCDEF", "12"] {
                let response = try await api.get(prefix + id)
                expectError(response, 404)
                // Heketi's errors end with a newline, as Go's http.Error writes them.
                #expect(response.bodyText == "Id not found\n", "\(prefix)\(id)")
            }
        }
    }

    @Test func unknownIDsInOtherMethodsAre404() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let id = "0123456789abcdef0123456789abcdef"
            expectError(try await api.delete("/volumes/\(id)"), 404, containing: ["Id not found"])
            expectError(try await api.delete("/nodes/\(id)"), 404, containing: ["Id not found"])
            expectError(try await api.delete("/devices/\(id)"), 404, containing: ["Id not found"])
            expectError(try await api.delete("/clusters/\(id)"), 404, containing: ["Id not found"])
            expectError(
                try await api.post("/volumes/\(id)/expand", #"{"expand_size":1}"#), 404, containing: ["Id not found"])
            expectError(
                try await api.post("/nodes/\(id)/state", #"{"state":"offline"}"#), 404, containing: ["Id not found"])
            expectError(
                try await api.post("/devices/\(id)/tags", #"{"change_type":"set","tags":{"a":"b"}}"#), 404,
                containing: ["Id not found"])
            expectError(try await api.delete("/volumes/xyz"), 404, containing: ["Id not found"])
            expectError(try await api.get("/no/such/endpoint"), 404)
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        try await TestServer.with { server in
            let response = try await server.admin.send("PUT", "/volumes", body: "{}")
            expectError(response, 405)
            let allowed = Set(
                (response.headers["Allow"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(allowed == ["GET", "POST"])
            expectError(try await server.admin.send("DELETE", "/hello"), 405)
        }
    }

    /// The HTTP layer's limit, so over loopback.
    @Test func bodyOverOneMebibyteIs413() async throws {
        try await TestServer.with(TestServer.Options(listens: true)) { server in
            let api = server.admin
            let padding = String(repeating: " ", count: 1 << 20)
            expectError(try await api.post("/clusters", "{}" + padding), 413)
            // Exactly at the limit the body reaches the handler.
            let atLimit = "{}" + String(repeating: " ", count: (1 << 20) - 2)
            #expect(try await api.post("/clusters", atLimit).status == 201)
        }
    }

    @Test func unparsableJSONIs422() async throws {
        try await TestServer.with { server in
            let api = server.admin
            expectError(try await api.post("/volumes", #"{"size":"#), 422)
            expectError(try await api.post("/clusters", "not json"), 422)
            expectError(try await api.post("/nodes", ""), 422)
        }
    }

    @Test func overMaxInflightIs429WithRetryAfter() async throws {
        try await TestServer.with(TestServer.Options(maxInflightOperations: 1)) { server in
            let api = server.admin
            _ = try await api.makeCluster()
            server.executor.close()
            let first = try await api.post("/volumes", Self.replica3)
            #expect(first.status == 202)
            let second = try await api.post("/volumes", Self.replica3)
            expectError(second, 429)
            #expect(second.headers["Retry-After"] == "1")
            server.executor.open()
            #expect(try await api.follow(first).status == 303)
            // The slot is free again once the first operation ended.
            #expect(try await api.perform("POST", "/volumes", body: Self.replica3).status == 303)
            #expect(try await api.fetch(VolumeListResponse.self, "/volumes").volumes.count == 2)
        }
    }

    @Test func noSpaceIs500BeforeAnyOperation() async throws {
        try await TestServer.with { server in
            let api = server.admin
            _ = try await api.makeCluster()
            let before = try await api.dump()
            let response = try await api.post(
                "/volumes", #"{"size":600,"durability":{"type":"replicate","replicate":{"replica":3}}}"#)
            expectError(response, 500, containing: ["Failed to allocate new volume: No space"])
            #expect(response.headers["Location"] == nil)
            #expect(try await api.dump() == before, "nothing recorded")
        }
    }

    @Test func failedOperationEnds500WithItsError() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster()
            server.executor.mock.failWhen { action in action.name == "create_volume" ? "volume create: failed" : nil }
            let ended = try await api.perform("POST", "/volumes", body: Self.replica3)
            expectError(ended, 500, containing: ["volume create: failed"])
            #expect(try await api.fetch(VolumeListResponse.self, "/volumes").volumes.isEmpty)
            for device in layout.devices {
                #expect(try await api.fetch(DeviceInfoResponse.self, "/devices/\(device)").storage.used == 0)
            }
            #expect(server.executor.mock.snapshot.bricks.isEmpty, "rolled back on the nodes")
        }
    }

    @Test func blockVolumesAndCloneAre501() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let id = "0123456789abcdef0123456789abcdef"
            expectError(try await api.post("/blockvolumes", #"{"size":1}"#), 501, containing: ["not supported"])
            expectError(try await api.get("/blockvolumes"), 501, containing: ["not supported"])
            expectError(try await api.get("/blockvolumes/\(id)"), 501, containing: ["not supported"])
            expectError(try await api.delete("/blockvolumes/\(id)"), 501, containing: ["not supported"])
            expectError(try await api.post("/volumes/\(id)/clone", "{}"), 501, containing: ["not supported"])
            expectError(try await api.post("/volumes", #"{"size":1,"block":true}"#), 501, containing: ["not supported"])
        }
    }

    @Test func readOnlyAdminStateIs503ForChangesOnly() async throws {
        try await TestServer.with { server in
            let api = server.admin
            #expect(try await api.post("/admin", #"{"state":"read-only"}"#).status == 204)
            #expect(try await api.get("/admin").bodyText == #"{"state":"read-only"}"# + "\n")
            expectError(try await api.post("/clusters", "{}"), 503, containing: ["read-only"])
            expectError(try await api.post("/volumes", Self.replica3), 503)
            #expect(try await api.get("/clusters").status == 200)
            #expect(try await api.get("/volumes").status == 200)
            #expect(try await api.get("/db/dump").status == 200)
            #expect(try await api.post("/admin", #"{"state":"normal"}"#).status == 204)
            #expect(try await api.post("/clusters", "{}").status == 201)
        }
    }
}
