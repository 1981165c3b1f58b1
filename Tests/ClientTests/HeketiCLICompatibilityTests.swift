import Client
@testable import Commands
import Curl
import Foundation
import HTTPTypes
import Synchronization
import Testing

/// heketi-cli's command lines, unchanged, run by `brickyard` against a fake Heketi server: each must send the
/// requests heketi-cli sends (method, path and JSON body, in order, `/queue` polls aside). Brickyard may read more
/// (it shows a volume's brick layout, a device after adding it) but never changes anything heketi-cli would not.
/// Commands heketi-cli has and Brickyard does not serve are refused with one line before any request.
@Suite struct HeketiCLICompatibilityTests {
    /// One request heketi-cli sends.
    struct Request: Sendable, CustomStringConvertible {
        var method: String
        var path: String
        /// The JSON body heketi-cli's Go client marshals, or nil for none.
        var body: String?

        var description: String { "\(self.method) \(self.path)\(self.body.map { " " + $0 } ?? "")" }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var line: [String]
        var requests: [Request]
        var testDescription: String { self.line.joined(separator: " ") }
    }

    static func row(_ line: String, _ requests: Request...) -> Row {
        Row(line: line.split(separator: " ").map(String.init), requests: requests)
    }

    static func row(_ line: [String], _ requests: Request...) -> Row {
        Row(line: line, requests: requests)
    }

    static func get(_ path: String) -> Request { Request(method: "GET", path: path) }
    static func post(_ path: String, _ body: String) -> Request { Request(method: "POST", path: path, body: body) }
    static func delete(_ path: String, _ body: String? = nil) -> Request {
        Request(method: "DELETE", path: path, body: body)
    }

    static let topologyReads = [get("/clusters"), get("/clusters/c1"), get("/volumes/v1"), get("/nodes/n1")]
    static let replicate3 = #""durability":{"type":"replicate","replicate":{"replica":3},"disperse":{"data":4,"redundancy":2}}"#
    static let noSnapshot = #""snapshot":{"enable":false,"factor":0}"#

    static func volumeBody(size: Int = 100, name: String = "", _ durability: String = replicate3, _ extra: String...)
        -> String
    {
        "{" + ([#""size":\#(size)"#, #""name":"\#(name)""#, durability] + (extra.isEmpty ? [noSnapshot] : extra))
            .joined(separator: ",") + "}"
    }

    static func durability(_ type: String, replica: Int = 3, data: Int = 4, redundancy: Int = 2) -> String {
        #""durability":{"type":"\#(type)","replicate":{"replica":\#(replica)},"disperse":{"data":\#(data),"redundancy":\#(redundancy)}}"#
    }

    static func state(_ state: String, healcheck: String = "") -> String {
        #"{"state":"\#(state)","healcheck":"\#(healcheck)"}"#
    }

    static let rows: [Row] = [
        // cluster
        row("cluster create", post("/clusters", #"{"file":true,"block":true}"#)),
        row("cluster create --block=false", post("/clusters", #"{"file":true,"block":false}"#)),
        row("cluster create --file=false", post("/clusters", #"{"file":false,"block":true}"#)),
        row("cluster create --file --block", post("/clusters", #"{"file":true,"block":true}"#)),
        row("cluster delete c1", delete("/clusters/c1")),
        row("cluster info c1", get("/clusters/c1")),
        row("cluster list", get("/clusters"), get("/clusters/c1")),
        row("cluster setflags --file=false c1", get("/clusters/c1"), post("/clusters/c1/flags", #"{"file":false,"block":true}"#)),
        row("cluster setflags --block=true c1", get("/clusters/c1"), post("/clusters/c1/flags", #"{"file":true,"block":true}"#)),
        row("cluster setflags c1 --block false", get("/clusters/c1"), post("/clusters/c1/flags", #"{"file":true,"block":false}"#)),
        // node
        row(
            "node add --zone=3 --cluster=c1 --management-host-name=node9 --storage-host-name=10.0.0.9",
            post("/nodes", #"{"zone":3,"hostnames":{"manage":["node9"],"storage":["10.0.0.9"]},"cluster":"c1"}"#),
            get("/nodes/n9")),
        row(
            "node add --zone 1 --cluster c1 --management-host-name node9 --storage-host-name 10.0.0.9",
            post("/nodes", #"{"zone":1,"hostnames":{"manage":["node9"],"storage":["10.0.0.9"]},"cluster":"c1"}"#),
            get("/nodes/n9")),
        row("node delete n1", delete("/nodes/n1")),
        row("node info n1", get("/nodes/n1")),
        row("node enable n1", post("/nodes/n1/state", state("online"))),
        row("node disable n1", post("/nodes/n1/state", state("offline"))),
        row("node remove n1", post("/nodes/n1/state", state("failed"))),
        row("node list", get("/clusters"), get("/clusters/c1")),
        row("node settags n1 foo:bar a:b:c", post("/nodes/n1/tags", #"{"tags":{"foo":"bar","a":"b:c"},"change_type":"update"}"#)),
        row("node settags --exact n1 foo:bar", post("/nodes/n1/tags", #"{"tags":{"foo":"bar"},"change_type":"set"}"#)),
        row("node settags -e n1 foo:", post("/nodes/n1/tags", #"{"tags":{"foo":""},"change_type":"set"}"#)),
        row("node rmtags n1 foo bar", post("/nodes/n1/tags", #"{"tags":{"foo":"","bar":""},"change_type":"delete"}"#)),
        row("node rmtags --all n1", post("/nodes/n1/tags", #"{"tags":{},"change_type":"set"}"#)),
        row("node deltags n1 foo", post("/nodes/n1/tags", #"{"tags":{"foo":""},"change_type":"delete"}"#)),
        row("node deltags n1 --all", post("/nodes/n1/tags", #"{"tags":{},"change_type":"set"}"#)),
        row("node removetags n1 foo", post("/nodes/n1/tags", #"{"tags":{"foo":""},"change_type":"delete"}"#)),
        row("node removetags --all=true n1", post("/nodes/n1/tags", #"{"tags":{},"change_type":"set"}"#)),
        // device
        row("device add --name=/dev/sdc --node=n1", post("/devices", #"{"name":"/dev/sdc","node":"n1"}"#)),
        row(
            "device add --name /dev/sdc --node n1 --destroy-existing-data",
            post("/devices", #"{"name":"/dev/sdc","node":"n1","destroydata":true}"#)),
        row("device delete d1", delete("/devices/d1", #"{"forceforget":false}"#)),
        row("device delete --force-forget d1", delete("/devices/d1", #"{"forceforget":true}"#)),
        row("device remove d1", post("/devices/d1/state", state("failed"))),
        row(
            "device remove d1 --expert-option-disable-heal-check",
            post("/devices/d1/state", state("failed", healcheck: "disable"))),
        row("device info d1", get("/devices/d1")),
        row("device enable d1", post("/devices/d1/state", state("online"))),
        row("device disable d1", post("/devices/d1/state", state("offline"))),
        row("device resync d1", get("/devices/d1/resync")),
        Row(line: ["device", "resync", "--cluster", "c1"], requests: topologyReads + [get("/devices/d1/resync")]),
        row("device settags d1 arbiter:required", post("/devices/d1/tags", #"{"tags":{"arbiter":"required"},"change_type":"update"}"#)),
        row("device settags -e d1 a:1", post("/devices/d1/tags", #"{"tags":{"a":"1"},"change_type":"set"}"#)),
        row("device settags --exact=true d1 a:1", post("/devices/d1/tags", #"{"tags":{"a":"1"},"change_type":"set"}"#)),
        row("device rmtags d1 a", post("/devices/d1/tags", #"{"tags":{"a":""},"change_type":"delete"}"#)),
        row("device rmtags d1 --all", post("/devices/d1/tags", #"{"tags":{},"change_type":"set"}"#)),
        row("device deltags d1 a", post("/devices/d1/tags", #"{"tags":{"a":""},"change_type":"delete"}"#)),
        row("device deltags --all d1", post("/devices/d1/tags", #"{"tags":{},"change_type":"set"}"#)),
        row("device removetags d1 a", post("/devices/d1/tags", #"{"tags":{"a":""},"change_type":"delete"}"#)),
        row("device removetags d1 --all", post("/devices/d1/tags", #"{"tags":{},"change_type":"set"}"#)),
        // volume create: heketi-cli's own examples, then each remaining flag
        row("volume create --size=100", post("/volumes", volumeBody()), get("/volumes/v1")),
        row("volume create --size 100", post("/volumes", volumeBody()), get("/volumes/v1")),
        row(
            "volume create --size=100 --clusters=0995098e1284ddccb46c7752d142c832,60d46d518074b13a04ce1022c8c7193c",
            post(
                "/volumes",
                volumeBody(
                    replicate3, noSnapshot,
                    #""clusters":["0995098e1284ddccb46c7752d142c832","60d46d518074b13a04ce1022c8c7193c"]"#)),
            get("/volumes/v1")),
        row(
            "volume create --size=100 --snapshot-factor=1.5 --replica=2",
            post("/volumes", volumeBody(durability("replicate", replica: 2), #""snapshot":{"enable":true,"factor":1.5}"#)),
            get("/volumes/v1")),
        row("volume create --size=100 --durability=none", post("/volumes", volumeBody(durability("none"))), get("/volumes/v1")),
        row(
            "volume create --size=100 --durability=disperse --snapshot-factor=1.25",
            post("/volumes", volumeBody(durability("disperse"), #""snapshot":{"enable":true,"factor":1.25}"#)),
            get("/volumes/v1")),
        row(
            "volume create --size=100 --durability=disperse --snapshot-factor=1.25 --disperse-data=8 --redundancy=3",
            post(
                "/volumes",
                volumeBody(durability("disperse", data: 8, redundancy: 3), #""snapshot":{"enable":true,"factor":1.25}"#)),
            get("/volumes/v1")),
        row(
            [
                "volume", "create", "--size=100", "--durability=none",
                "--gluster-volume-options=performance.rda-cache-limit 10MB,performance.nl-cache-positive-entry no",
            ],
            post(
                "/volumes",
                volumeBody(
                    durability("none"), noSnapshot,
                    #""glustervolumeoptions":["performance.rda-cache-limit 10MB","performance.nl-cache-positive-entry no"]"#)),
            get("/volumes/v1")),
        row(
            "volume create --size=10 --name=data --gid=1000",
            post("/volumes", volumeBody(size: 10, name: "data", replicate3, noSnapshot, #""gid":1000"#)), get("/volumes/v1")),
        row("volume create --size=10 --gid=0 --block=false", post("/volumes", volumeBody(size: 10)), get("/volumes/v1")),
        // Counts the durability does not use are sent as given and ignored, as heketi-cli does (with a warning).
        row(
            "volume create --size=10 --disperse-data=8 --redundancy=3",
            post("/volumes", volumeBody(size: 10, durability("replicate", data: 8, redundancy: 3))), get("/volumes/v1")),
        row(
            "volume create --size=10 --durability=none --replica=2",
            post("/volumes", volumeBody(size: 10, durability("none", replica: 2))), get("/volumes/v1")),
        row(
            "volume create --size=10 --persistent-volume --persistent-volume-endpoint=heketi-storage-endpoints",
            post("/volumes", volumeBody(size: 10)), get("/volumes/v1")),
        row(
            "volume create --size=10 --persistent-volume-file={pv} --persistent-volume-endpoint ep",
            post("/volumes", volumeBody(size: 10)), get("/volumes/v1")),
        row("volume delete v1", delete("/volumes/v1")),
        row("volume info v1", get("/volumes/v1")),
        row("volume list", get("/volumes"), get("/volumes/v1")),
        row("volume expand v1 --expand-size=10", post("/volumes/v1/expand", #"{"expand_size":10}"#), get("/volumes/v1")),
        row("volume expand --volume=v1 --expand-size=10", post("/volumes/v1/expand", #"{"expand_size":10}"#), get("/volumes/v1")),
        row("volume expand --expand-size 5 --volume v1", post("/volumes/v1/expand", #"{"expand_size":5}"#), get("/volumes/v1")),
        row("volume endpoint patch v1", get("/volumes/v1")),
        // topology (heketi-cli's last request, a read to delete a cluster it made but filled with nothing, is left
        // out: it changes nothing when the load worked)
        Row(
            line: ["topology", "load", "--json={topology}"],
            requests: topologyReads + [
                post("/clusters", #"{"file":true,"block":true}"#),
                post("/nodes", #"{"zone":2,"hostnames":{"manage":["node9"],"storage":["10.0.0.9"]},"cluster":"c2"}"#),
                post("/devices", #"{"name":"/dev/sdb","node":"n9"}"#),
                post("/devices", #"{"name":"/dev/sdc","node":"n9","destroydata":true,"tags":{"arbiter":"required"}}"#),
            ]),
        Row(
            line: ["topology", "load", "-j", "{topology}"],
            requests: topologyReads + [
                post("/clusters", #"{"file":true,"block":true}"#),
                post("/nodes", #"{"zone":2,"hostnames":{"manage":["node9"],"storage":["10.0.0.9"]},"cluster":"c2"}"#),
                post("/devices", #"{"name":"/dev/sdb","node":"n9"}"#),
                post("/devices", #"{"name":"/dev/sdc","node":"n9","destroydata":true,"tags":{"arbiter":"required"}}"#),
            ]),
        Row(line: ["topology", "info"], requests: topologyReads),
        // server, db, loglevel
        row("server operations info", get("/operations")),
        row("server operations info op1", get("/operations/pending/op1")),
        row("server operations list", get("/operations/pending")),
        row("server operations cleanup", post("/operations/pending/cleanup", "{}")),
        row("server operations cleanup op1 op2", post("/operations/pending/cleanup", #"{"operations":["op1","op2"]}"#)),
        row("server mode get", get("/admin")),
        row("server mode set read-only", post("/admin", #"{"state":"read-only"}"#)),
        row("server state examine gluster", get("/internal/state/examine/gluster")),
        row("db dump", get("/db/dump")),
        row("db check", get("/db/check")),
        row("loglevel get", get("/internal/logging")),
        row("loglevel set debug", post("/internal/logging", #"{"loglevel":{"glusterfs":"debug"}}"#)),
        // the root's flags, before or after the command
        row("--json volume list", get("/volumes")),
        row("volume list --json", get("/volumes")),
        row("cluster info c1 --json=true", get("/clusters/c1")),
        row("-s http://heketi:8080 --user admin --secret key cluster list", get("/clusters"), get("/clusters/c1")),
        row("--server=http://heketi:8080 cluster info c1 -I", get("/clusters/c1")),
        row("cluster info c1 --insecure-tls --tls-cert={cert} -C {cert}", get("/clusters/c1")),
    ]

    static let refusals: [[String]] = [
        "blockvolume create --size=1 --ha=3 --auth --name=b --clusters=c1", "blockvolume delete b1",
        "blockvolume info b1", "blockvolume list", "blockvolume expand --new-size=2 --blockvolume=b1",
        "brick evict b1 --expert-option-disable-heal-check",
        "setup-openshift-heketi-storage --listfile=l.json --image=heketi/heketi:dev --durability=none --replica=1 "
            + "--gluster-volume-options=a --append-volume-options=b --node-selector=os=linux",
        "setup-heketi-db-storage", "setup-kubernetes-heketi-storage", "volume clone v1 --name=copy",
        "volume set-block-hosting-restriction locked v1", "volume set-block-hosting-restriction unlocked v1",
        "topology info --template={{.}}", "topology info -T {{.}}", "volume create --size=1 --block",
    ].map { $0.split(separator: " ").map(String.init) }

    /// The files some lines name, made once.
    static let files: [String: String] = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heketi-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let topology = directory.appendingPathComponent("topology.json")
        let file = #"""
            {"clusters":[{"nodes":[{"node":{"hostnames":{"manage":["node9"],"storage":["10.0.0.9"]},"zone":2},
              "devices":["/dev/sdb",{"name":"/dev/sdc","destroydata":true,"tags":{"arbiter":"required"}}]}]}]}
            """#
        try? Data(file.utf8).write(to: topology)
        let certificate = directory.appendingPathComponent("ca.pem")
        try? Data("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n".utf8).write(to: certificate)
        return [
            "{topology}": topology.path, "{cert}": certificate.path, "{pv}": directory.appendingPathComponent("pv.json").path,
        ]
    }()

    static func substituted(_ line: [String]) -> [String] {
        line.map { word in Self.files.reduce(word) { $0.replacingOccurrences(of: $1.key, with: $1.value) } }
    }

    /// What one command line did against a fresh fake server.
    struct Outcome {
        var code: Int32
        var requests: [HTTPRequest]
        var output: [String]
        var errors: [String]
        var options: ClientOptions
    }

    static func run(_ line: [String], overrides: [String: HTTPResponse] = [:]) async throws -> Outcome {
        let (options, rest) = try ClientOptions.extract(from: Self.substituted(line), environment: [:])
        guard case .action(let action) = try ClientCommand.parse(rest) else { throw UsageError("not an action") }
        _ = try options.transportConfiguration()
        let server = FakeHeketiServer(overrides: overrides)
        let console = ClientConsole()
        var context = ClientContext(
            client: options.client(transport: server, sleep: { _ in }), format: options.output, console: console,
            progress: ProgressDisplay(console: console, terminal: false))
        context.pause = { _ in }
        let code = await ClientCommand.perform(action, in: context)
        var output: [String] = []
        var errors: [String] = []
        for item in console.drain() {
            switch item {
            case .output(let line): output.append(line)
            case .error(let line): errors.append(line)
            case .frame: break
            }
        }
        return Outcome(
            code: code, requests: server.requests.withLock { $0 }, output: output, errors: errors, options: options)
    }

    /// A JSON body in one canonical spelling (sorted keys), so field order and spacing do not count.
    static func canonical(_ body: Data?) -> String? {
        guard let body, !body.isEmpty else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        else { return String(decoding: body, as: UTF8.self) }
        return String(decoding: data, as: UTF8.self)
    }

    static func path(_ request: HTTPRequest) -> String {
        String(request.url.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
    }

    @Test(arguments: Self.rows)
    func sendsWhatHeketiCLISends(row: Row) async throws {
        let outcome = try await Self.run(row.line)
        #expect(outcome.code == 0, "\(outcome.errors)")
        let sent = outcome.requests.filter { !Self.path($0).hasPrefix("/queue/") }.map {
            Request(method: $0.method, path: Self.path($0), body: Self.canonical($0.body))
        }
        let expected = row.requests.map {
            Request(method: $0.method, path: $0.path, body: Self.canonical($0.body.map { Data($0.utf8) }))
        }
        // heketi-cli's requests, in order, among Brickyard's.
        var remaining = sent[...]
        for request in expected {
            guard let index = remaining.firstIndex(where: { $0.description == request.description }) else {
                Issue.record("not sent: \(request)\nsent: \(sent.map(\.description))")
                return
            }
            remaining = remaining[(index + 1)...]
        }
        // Every change Brickyard makes is one heketi-cli makes.
        for request in sent where request.method != "GET" {
            #expect(expected.contains { $0.description == request.description }, "extra change: \(request)")
        }
    }

    @Test(arguments: Self.refusals)
    func refusesWhatBrickyardDoesNotServe(line: [String]) throws {
        let (_, rest) = try ClientOptions.extract(from: line, environment: [:])
        do {
            _ = try ClientCommand.parse(rest)
            Issue.record("\(line) was not refused")
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(
                error.description.contains("not supported") || error.description.contains("cannot run")
                    || error.description.contains("does not serve"), "\(error.description)")
        }
        // As a whole command line: one line on standard error, exit code 2.
        var errors: [String] = []
        let code = BrickyardCommand.run(line, output: { _ in }, errors: { errors.append($0) })
        #expect(code == 2)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("brickyard: ") == true)
    }

    /// Every command heketi-cli declares, each alias, and each of its flags (long and short) is on some line above.
    @Test func everyHeketiCLICommandAndFlagIsExercised() {
        let lines = Self.rows.map(\.line) + Self.refusals
        func words(_ line: [String]) -> [String] { ClientOptions.commandWords(line) }
        for command in HeketiCLICommandTree.commands {
            let uses = lines.filter { words($0).starts(with: command.path) }
            #expect(!uses.isEmpty, "no line runs \(command.path.joined(separator: " "))")
            for flag in command.flags {
                let used = uses.contains { line in line.contains { $0 == flag || $0.hasPrefix(flag + "=") } }
                #expect(used, "\(command.path.joined(separator: " ")) \(flag) is not exercised")
            }
        }
        for flag in HeketiCLICommandTree.globalFlags where !["--version", "-v"].contains(flag) {
            #expect(lines.contains { $0.contains { $0 == flag || $0.hasPrefix(flag + "=") } }, "\(flag) is not exercised")
        }
    }

    @Test func theRootsFlagsSetTheServerTheSignerTheFormatAndTLS() async throws {
        let short = try await Self.run(["-s", "http://heketi:8080", "--user", "admin", "--secret", "key", "cluster", "list"])
        #expect(short.requests.allSatisfy { $0.url.hasPrefix("http://heketi:8080/") })
        #expect(short.requests.allSatisfy { $0.headers["Authorization"]?.lowercased().hasPrefix("bearer ") == true })
        let json = try await Self.run(["--json", "volume", "list"])
        #expect(json.options.output == .json)
        #expect(try JSONSerialization.jsonObject(with: Data(json.output.joined().utf8)) is [String: Any])
        let tls = try await Self.run(Self.substituted(["cluster", "info", "c1", "-I", "--tls-cert={cert}", "-C", "{cert}"]))
        #expect(tls.options.insecureTLS)
        #expect(tls.options.tlsCertificates.count == 2)
        #expect(try tls.options.transportConfiguration().insecureSkipTLSVerify)
        for version in ["--version", "-v"] {
            var output: [String] = []
            #expect(BrickyardCommand.run([version], output: { output.append($0) }, errors: { _ in }) == 0)
            #expect(output.first?.hasPrefix("brickyard ") == true)
        }
        #expect(throws: UsageError("--json and --output yaml ask for different formats; give one")) {
            try ClientOptions.extract(from: ["--json", "--output", "yaml", "volume", "list"], environment: [:])
        }
    }

    @Test func ignoredCountsAreSaidAndTheHealCheckWarningIsGiven() async throws {
        let create = try await Self.run(["volume", "create", "--size=10", "--disperse-data=8"])
        #expect(create.errors.contains { $0.contains("--disperse-data is ignored with --durability replicate") })
        let remove = try await Self.run(["device", "remove", "d1", "--expert-option-disable-heal-check"])
        #expect(remove.errors.contains { $0.contains("skipping the heal check may be dangerous") })
        #expect(remove.output == ["Device d1 is now removed: its bricks were moved elsewhere"])
    }

    @Test func kubernetesObjectsForAVolume() async throws {
        let pv = try await Self.run(["volume", "create", "--size=1", "--persistent-volume", "--persistent-volume-endpoint=ep"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(pv.output.joined().utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "PersistentVolume")
        #expect((object["metadata"] as? [String: Any])?["name"] as? String == "glusterfs-v1aaaaaa")
        let spec = try #require(object["spec"] as? [String: Any])
        #expect((spec["glusterfs"] as? [String: String]) == ["endpoints": "ep", "path": "vol_v1"])
        #expect((spec["capacity"] as? [String: String]) == ["storage": "1Gi"])
        let patch = try await Self.run(["volume", "endpoint", "patch", "v1"])
        let subsets = try #require(
            (try JSONSerialization.jsonObject(with: Data(patch.output.joined().utf8)) as? [String: Any])?["subsets"] as? [[String: Any]])
        #expect(subsets.count == 2)
        #expect((subsets[0]["addresses"] as? [[String: String]]) == [["ip": "10.0.0.1"]])
    }
}
