import Curl
import Foundation
import HTTPTypes
import HeketiAPI
import Operations
import Testing

/// Bad request bodies: each gets a one-line 4xx that names the problem, and the store is left exactly as it was.
@Suite struct BadInputTests {
    /// One bad request. `{cluster}`, `{node}` and `{volume}` in the path and body name real objects.
    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var body: String
        var status: Int
        var words: [String]

        init(_ path: String, _ body: String, _ status: Int, _ words: String...) {
            self.path = path
            self.body = body
            self.status = status
            self.words = words
        }

        var testDescription: String { "POST \(self.path) \(self.body)" }
    }

    static let unknown = "0123456789abcdef0123456789abcdef"
    static let replica = #""durability":{"type":"replicate","replicate":{"replica":3}}"#

    static let cases: [Case] = [
        // Not JSON at all.
        Case("/volumes", #"{"size":"#, 422),
        Case("/volumes", "size=1", 422),
        Case("/volumes", "{\"size\":1,\"name\":\"\u{FFFD}\"", 422),
        // Wrong types.
        Case("/volumes", #"{"size":"10"}"#, 400, "size", "integer"),
        Case("/volumes", #"{"size":true}"#, 400, "size"),
        Case(
            "/volumes", #"{"size":1,\#(replica.replacingOccurrences(of: "3", with: "\"3\""))}"#, 400,
            "durability.replicate.replica"),
        Case("/volumes", #"{"size":1,"glustervolumeoptions":"a b"}"#, 400, "glustervolumeoptions"),
        Case(
            "/nodes", #"{"zone":"1","hostnames":{"manage":["x"],"storage":["x"]},"cluster":"{cluster}"}"#, 400, "zone"),
        Case("/devices", #"{"node":"{node}","name":7}"#, 400, "name"),
        // Negative and huge numbers.
        Case("/volumes", #"{"size":-5}"#, 400, "size"),
        Case("/volumes", #"{"size":0}"#, 400, "size"),
        Case("/volumes", #"{"size":1e30}"#, 400, "size"),
        Case("/volumes", #"{"size":9223372036854775807}"#, 400, "size"),
        Case("/volumes", #"{"size":9223372036854775808}"#, 400, "size"),
        Case("/volumes", #"{"size":-9223372036854775808}"#, 400, "size"),
        Case("/volumes", #"{"size":1.5}"#, 400, "size"),
        Case(
            "/volumes", #"{"size":1,"durability":{"type":"replicate","replicate":{"replica":1e30}}}"#, 400,
            "durability.replicate.replica"),
        Case("/volumes", #"{"size":1,"gid":-1}"#, 400, "gid"),
        Case("/volumes/{volume}/expand", #"{"expand_size":-1}"#, 400, "expand_size"),
        Case("/volumes/{volume}/expand", #"{"expand_size":9223372036854775807}"#, 400, "expand_size"),
        Case("/nodes", #"{"zone":-3,"hostnames":{"manage":["x"],"storage":["x"]},"cluster":"{cluster}"}"#, 400, "zone"),
        Case(
            "/nodes", #"{"zone":1e40,"hostnames":{"manage":["x"],"storage":["x"]},"cluster":"{cluster}"}"#, 400, "zone"),
        // Missing required fields.
        Case("/volumes", "{}", 400, "size"),
        Case("/volumes", "null", 400),
        Case("/volumes/{volume}/expand", "{}", 400, "expand_size"),
        Case("/nodes", #"{"zone":1,"hostnames":{"manage":["x"],"storage":["x"]}}"#, 400, "cluster"),
        Case("/nodes", #"{"zone":1,"cluster":"{cluster}"}"#, 400, "hostnames"),
        Case("/devices", #"{"name":"/dev/sdz"}"#, 400, "node"),
        Case("/nodes/{node}/tags", #"{"tags":{"a":"b"}}"#, 400, "change_type"),
        // Invalid values.
        Case("/volumes", #"{"size":1,"name":"no spaces allowed"}"#, 400, "name"),
        Case("/volumes", #"{"size":1,"glustervolumeoptions":["novalue"]}"#, 400, "glustervolumeoptions[0]"),
        Case("/volumes", #"{"size":1,"clusters":["xyz"]}"#, 400),
        Case("/nodes/{node}/tags", #"{"change_type":"merge","tags":{}}"#, 400, "change_type"),
        Case("/nodes/{node}/state", #"{"state":"asleep"}"#, 400, "state"),
        // Unknown ids inside the body.
        // Heketi: 400 "Cluster id X not found", before anything is accepted.
        Case("/volumes", #"{"size":1,"clusters":["\#(unknown)"],\#(replica)}"#, 400, "Cluster id \(unknown) not found"),
        Case("/nodes", #"{"zone":1,"hostnames":{"manage":["x"],"storage":["x"]},"cluster":"\#(unknown)"}"#, 404),
        Case("/devices", #"{"node":"\#(unknown)","name":"/dev/sdz"}"#, 404),
    ]

    @Test(arguments: Self.cases)
    func isRefusedAndChangesNothing(_ bad: Case) async throws {
        try await TestServer.with { server in
            let api = server.admin
            let layout = try await api.makeCluster()
            let volume = try await api.createVolume(#"{"size":1,\#(Self.replica)}"#)
            func fill(_ text: String) -> String {
                text.replacingOccurrences(of: "{cluster}", with: layout.cluster)
                    .replacingOccurrences(of: "{node}", with: layout.nodes[0])
                    .replacingOccurrences(of: "{volume}", with: volume)
            }
            let before = try await api.dump()
            let response = try await api.post(fill(bad.path), fill(bad.body))
            expectError(response, bad.status, containing: bad.words)
            #expect(response.headers["Location"] == nil)
            await server.engine.waitUntilIdle()
            #expect(try await api.dump() == before, "the store changed")
        }
    }

    @Test func invalidUTF8IsUnparsable() async throws {
        try await TestServer.with { server in
            let api = server.admin
            let before = try await api.dump()
            var bytes = Array(#"{"size":1,"name":""#.utf8)
            bytes += [0xC3, 0x28, 0xFF]
            bytes += Array(#""}"#.utf8)
            let response = try await api.send("POST", "/volumes", data: .init(bytes))
            expectError(response, 422)
            #expect(try await api.dump() == before)
        }
    }
}
