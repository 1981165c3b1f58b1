import Client
@testable import Commands
import HeketiAPI
import Testing

/// What `db check`, `db dump`, `server state examine gluster` and `loglevel` print, and their exit codes.
@Suite struct ServerCommandOutputTests {
    func run(_ line: String, _ answers: [String: String], status: Int = 200) async throws -> HeketiCLICompatibilityTests.Outcome {
        try await HeketiCLICompatibilityTests.run(
            line.split(separator: " ").map(String.init),
            overrides: answers.mapValues { response(status, body: $0) })
    }

    @Test func databaseCheck() async throws {
        let ok = try await self.run("db check", ["GET /db/check": #"{"ok":true,"problems":[]}"#])
        #expect(ok.code == 0)
        #expect(ok.output == ["ok"])
        let bad = try await self.run(
            "db check", ["GET /db/check": #"{"ok":false,"problems":["brick b1 names device d9, which does not exist","volume v1 has no bricks"]}"#])
        #expect(bad.code == 1)
        #expect(bad.output == ["brick b1 names device d9, which does not exist", "volume v1 has no bricks"])
        #expect(bad.errors == ["brickyard: the database check found 2 problems"])
        let json = try await self.run("db check --json", ["GET /db/check": #"{"ok":false,"problems":["x"]}"#])
        #expect(json.code == 1)
        #expect(json.output.joined(separator: "\n").contains(#""ok" : false"#))
        #expect(json.errors == ["brickyard: the database check found 1 problem"])
    }

    @Test func aDumpIsPrintedAsItCame() async throws {
        let body = #"{"clusterentries":{"c1":{"Info":{"id":"c1"}}},"nodeentries":{},"size":18446744073709551615}"#
        let dump = try await self.run("db dump", ["GET /db/dump": body + "\n"])
        #expect(dump.output == [body])
        #expect(try await self.run("db dump --json", ["GET /db/dump": body]).output == [body])
    }

    @Test func glusterExamination() async throws {
        let clean = try await self.run(
            "server state examine gluster",
            ["GET /internal/state/examine/gluster": #"{"clean":true,"nodes":3,"volumes":5,"findings":[]}"#])
        #expect(clean.output == ["clean: 3 nodes and 5 volumes match the store"])
        let one = try await self.run(
            "server state examine gluster",
            ["GET /internal/state/examine/gluster": #"{"clean":true,"nodes":1,"volumes":1,"findings":[]}"#])
        #expect(one.output == ["clean: 1 node and 1 volume match the store"])
        let findings = try await self.run(
            "server state examine gluster",
            [
                "GET /internal/state/examine/gluster": #"""
                {"clean":false,"nodes":3,"volumes":5,"findings":[
                 {"kind":"missing-brick","subject":"volume vol_1","detail":"brick 10.0.0.2:/b2 is not in the volume"},
                 {"kind":"unknown-volume","subject":"gluster volume scratch","detail":"no stored volume has this name"}]}
                """#
            ])
        #expect(
            findings.output == [
                "2 findings on 3 nodes and 5 volumes: 1 missing-brick, 1 unknown-volume",
                "missing-brick volume vol_1: brick 10.0.0.2:/b2 is not in the volume",
                "unknown-volume gluster volume scratch: no stored volume has this name",
            ])
        #expect(findings.code == 0)
        let json = try await self.run(
            "--json server state examine gluster",
            ["GET /internal/state/examine/gluster": #"{"clean":true,"nodes":3,"volumes":5,"findings":[]}"#])
        #expect(json.output.joined().contains(#""clean" : true"#))
        // A Heketi server's own report is shown as it came.
        let heketi = try await self.run(
            "server state examine gluster", ["GET /internal/state/examine/gluster": #"{"heketidb":{"total":1}}"#])
        #expect(heketi.output.joined().contains("heketidb"))
    }

    @Test func logLevel() async throws {
        let get = try await self.run("loglevel get", [:])
        #expect(get.output == ["Log level: info"])
        let set = try await self.run("loglevel set debug", [:])
        #expect(set.output == ["Log level: debug"])
        let bad = try await HeketiCLICompatibilityTests.run(
            ["loglevel", "set", "loud"], overrides: ["POST /internal/logging": response(422, body: "invalid log level: loud")])
        #expect(bad.code == 1)
        #expect(bad.errors == ["brickyard: invalid log level: loud"])
        let json = try await self.run("loglevel get --json", [:])
        #expect(json.output.joined().contains(#""glusterfs" : "info""#))
    }

    @Test func pendingOperations() async throws {
        let list = try await self.run("server operations list", [:])
        #expect(list.output == ["ID   TYPE           STATUS", "op1  volume-create  running"])
        let info = try await self.run("server operations info op1", [:])
        #expect(info.output.contains("Status:    new"))
        #expect(info.output.contains("  brick: b1"))
    }
}
