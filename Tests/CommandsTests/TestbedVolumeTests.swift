import TestSupport
import Curl
import HTTPTypes
import Foundation
import NodeCommands
import NodeTransport
import StorageModel
import Store
import Testing

/// `brickyard serve` with the local executor on the real loopback Gluster pool: nodes probed, directory devices,
/// a replica-3 volume created, mounted, written, expanded and deleted, and a failing create that leaves nothing.
@Suite(.serialized, .enabled(if: Testbed.unavailableReason == nil, "\(Testbed.unavailableReason ?? "")"))
struct TestbedVolumeTests {
    @Test(.timeLimit(.minutes(10)))
    func replicaThreeVolumeLifecycleOnRealGluster() async throws {
        let testbed = Testbed(name: "lifecycle")
        try await testbed.run {
            let workspace = try Testbed.Workspace(testbed)
            let (database, config) = (workspace.database, workspace.config)
            let server = try await ServerProcess.start(
                database: database, arguments: ["--config", config, "--executor", "local", "--log-level", "debug"])

            // Topology: one cluster, three nodes (real peer probes), two directory devices each.
            let cluster = try await server.request("POST", "/clusters", json: "{}")
            #expect(cluster.status == 201)
            let clusterID = try #require(try JSONSerialization.jsonObject(with: cluster.body) as? [String: Any])["id"]
                as? String
            var devices: [String] = []
            for node in 1...Testbed.nodeCount {
                let host = testbed.host(node)
                let location = try await server.completed(
                    "POST", "/nodes",
                    json: #"{"cluster": "\#(clusterID ?? "")", "zone": \#(node), "hostnames": {"manage": ["\#(host)"], "storage": ["\#(host)"]}}"#,
                    timeout: .seconds(120))
                let nodeID = try #require(location?.split(separator: "/").last.map(String.init))
                for device in 1...2 {
                    _ = try await server.completed(
                        "POST", "/devices", json: #"{"node": "\#(nodeID)", "name": "\#(testbed.device(node, device))"}"#,
                        timeout: .seconds(120))
                }
                let info = try await server.json("/nodes/\(nodeID)")
                for device in info["devices"] as? [[String: Any]] ?? [] {
                    #expect(device["backend"] as? String == "directory")
                    #expect(device["size_enforced"] as? Bool == false)
                    devices.append(device["id"] as? String ?? "")
                }
            }
            let pool = try await testbed.gluster(1, ["pool", "list"])
            #expect(pool.stdout.components(separatedBy: "Connected").count - 1 == 3, "pool: \(pool.stdout)")

            // Create: a started replica-3 volume with one brick on each node.
            let volumeLocation = try await server.completed(
                "POST", "/volumes", json: #"{"size": 1, "durability": {"type": "replicate", "replicate": {"replica": 3}}}"#,
                timeout: .seconds(180))
            let volumePath = try #require(volumeLocation)
            let volume = try await server.json(volumePath)
            let name = try #require(volume["name"] as? String)
            var info = try await Self.volumeInfo(testbed, name)
            #expect(info.status == .started)
            #expect(Set(info.bricks.map(\.address.host)) == ["127.1.1.1", "127.1.1.2", "127.1.1.3"])
            #expect(info.bricks.count == 3)
            #expect(info.option("user.heketi.id") == volume["id"] as? String)

            // `brickyard observe` sees the started volume, its bricks online, and the pool from every node.
            let observe = try await ProcessRunner.run(
                [try ServerProcess.executable().path, "observe", "--config", config, "--db", database],
                timeout: .seconds(60))
            #expect(observe.exitCode == 0, "\(observe.stderr)")
            let observed = try #require(try JSONSerialization.jsonObject(with: Data(observe.stdout.utf8)) as? [String: Any])
            let observedVolume = (observed["volumes"] as? [[String: Any]])?.first { $0["name"] as? String == name }
            #expect(observedVolume?["status"] as? String == "started")
            #expect(observedVolume?["heketiID"] as? String == volume["id"] as? String)
            #expect((observedVolume?["bricks"] as? [[String: Any]])?.map { $0["online"] as? Bool } == [true, true, true])
            for node in observed["nodes"] as? [[String: Any]] ?? [] {
                #expect((node["peers"] as? [[String: Any]])?.count == 2)
                #expect((node["brickDirectories"] as? [String])?.count == 1)
            }

            // `server state examine gluster`: clean while the pool matches the store; a volume stopped behind
            // Brickyard's back is a finding (examining heals nothing), and the store is consistent throughout.
            let clean = try await server.json("/internal/state/examine/gluster")
            #expect(clean["clean"] as? Bool == true, "\(clean)")
            #expect(clean["nodes"] as? Int == 3 && clean["volumes"] as? Int == 1)
            let stop = try await testbed.gluster(1, ["--mode=script", "volume", "stop", name])
            #expect(stop.exitCode == 0, "\(stop.stderr)")
            let drifted = try await server.json("/internal/state/examine/gluster")
            #expect(drifted["clean"] as? Bool == false)
            let kinds = (drifted["findings"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "") \($0["subject"] ?? "")" }
            #expect(kinds.contains("volume_stopped \(name)"), "\(kinds)")
            #expect(try await Self.volumeInfo(testbed, name).status == .stopped)
            #expect(try await testbed.gluster(1, ["volume", "start", name]).exitCode == 0)
            #expect(try await server.json("/db/check")["ok"] as? Bool == true)

            // Mount it for real and write a file.
            let mountPoint = "\(testbed.root)/mnt/\(name)"
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            try await testbed.shell(
                ["mount", "-t", "glusterfs", "-o", "backup-volfile-servers=127.1.1.2:127.1.1.3", "127.1.1.1:/\(name)",
                 mountPoint])
            let payload = (0..<10_000).map { "line \($0)" }.joined(separator: "\n")
            try payload.write(toFile: "\(mountPoint)/data.txt", atomically: false, encoding: .utf8)
            #expect(try String(contentsOfFile: "\(mountPoint)/data.txt", encoding: .utf8) == payload)

            // Expand: add-brick with a second set, rebalance, the file still reads back.
            _ = try await server.completed(
                "POST", "\(volumePath)/expand", json: #"{"expand_size": 1}"#, timeout: .seconds(180))
            info = try await Self.volumeInfo(testbed, name)
            #expect(info.bricks.count == 6)
            #expect(try String(contentsOfFile: "\(mountPoint)/data.txt", encoding: .utf8) == payload)
            try await testbed.shell(["umount", mountPoint])

            // Delete: the volume is gone from gluster, the brick directories from the devices, the space is back.
            _ = try await server.completed("DELETE", volumePath, timeout: .seconds(180))
            let gone = try await testbed.gluster(1, ["volume", "info", name])
            #expect(gone.exitCode != 0)
            for node in 1...Testbed.nodeCount {
                for device in 1...2 {
                    #expect(testbed.brickDirectories(testbed.device(node, device)).isEmpty)
                }
            }
            for device in devices {
                let storage = try await server.json("/devices/\(device)")["storage"] as? [String: Any]
                #expect(storage?["used"] as? Int == 0)
            }

            // A create that fails in gluster (the name is taken outside Brickyard) rolls back its bricks.
            let squatter = "\(testbed.device(1, 1))/squatter"
            try FileManager.default.createDirectory(atPath: squatter, withIntermediateDirectories: true)
            let taken = try await testbed.gluster(1, ["volume", "create", "taken", "127.1.1.1:\(squatter)", "force"])
            #expect(taken.exitCode == 0, "\(taken.stderr)")
            let accepted = try await server.request(
                "POST", "/volumes",
                json: #"{"size": 1, "name": "taken", "durability": {"type": "replicate", "replicate": {"replica": 3}}}"#)
            #expect(accepted.status == 202)
            let queue = try #require(accepted.headers["Location"])
            var failure = ""
            for _ in 0..<1200 {
                let status = try await server.request("GET", queue)
                if status.status == 200 { try await Task.sleep(for: .milliseconds(100)); continue }
                #expect(status.status == 500)
                failure = status.bodyText
                break
            }
            #expect(failure.contains("taken"), "the queue reports gluster's error: \(failure)")
            // The rollback removed Brickyard's bricks but left the other owner's volume alone.
            let survivor = try await Self.volumeInfo(testbed, "taken")
            #expect(survivor.bricks.map(\.address.argument) == ["127.1.1.1:\(squatter)"])
            for node in 1...Testbed.nodeCount {
                for device in 1...2 {
                    #expect(testbed.brickDirectories(testbed.device(node, device)).isEmpty)
                }
            }
            for device in devices {
                let storage = try await server.json("/devices/\(device)")["storage"] as? [String: Any]
                #expect(storage?["used"] as? Int == 0)
            }
            try await server.kill(signal: SIGTERM)
        }
    }

    /// A documents directory of 3 nodes and 3 claims applied to the real pool: volumes started and usable; a
    /// bigger claim expands in place with the data intact; a removed claim stays until an apply with --prune.
    @Test(.timeLimit(.minutes(10)))
    func desiredStateConvergesOnRealGluster() async throws {
        let testbed = Testbed(name: "desired")
        try await testbed.run {
            let workspace = try Testbed.Workspace(testbed, devicesPerNode: 2)
            let (config, documents) = (workspace.config, workspace.documents)
            for name in ["alpha", "beta", "gamma"] {
                try "kind: VolumeClaim\nname: \(name)\nsize: 1\n"
                    .write(toFile: "\(documents)/\(name).yaml", atomically: true, encoding: .utf8)
            }
            let brickyard = try ServerProcess.executable().path
            func run(_ arguments: [String]) async throws -> CommandResult {
                try await ProcessRunner.run(
                    [brickyard] + arguments + ["--desired", documents, "--config", config], timeout: .seconds(300))
            }

            let applied = try await run(["apply"])
            #expect(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
            for name in ["alpha", "beta", "gamma"] {
                let info = try await Self.volumeInfo(testbed, name)
                #expect(info.status == .started)
                #expect(info.bricks.count == 3)
                #expect(info.option("user.brickyard.claim") == "directory:\(name)")
            }
            #expect(try await run(["plan"]).exitCode == 0)

            // All three mount and take writes; alpha's claim then grows: expanded in place, the data still there.
            let payload = String(repeating: "brickyard\n", count: 5_000)
            for name in ["alpha", "beta", "gamma"] {
                let mountPoint = "\(testbed.root)/mnt/\(name)"
                try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
                try await testbed.shell(["mount", "-t", "glusterfs", "127.1.1.1:/\(name)", mountPoint])
                try payload.write(toFile: "\(mountPoint)/file.txt", atomically: false, encoding: .utf8)
                #expect(try String(contentsOfFile: "\(mountPoint)/file.txt", encoding: .utf8) == payload, "\(name)")
                if name != "alpha" { try await testbed.shell(["umount", mountPoint]) }
            }
            let mountPoint = "\(testbed.root)/mnt/alpha"
            try "kind: VolumeClaim\nname: alpha\nsize: 2\n"
                .write(toFile: "\(documents)/alpha.yaml", atomically: true, encoding: .utf8)
            let grown = try await run(["apply"])
            #expect(grown.exitCode == 0, "\(grown.stdout)\(grown.stderr)")
            #expect(grown.stdout.contains("~ volume alpha: 1 GiB -> 2 GiB"))
            #expect(try await Self.volumeInfo(testbed, "alpha").bricks.count == 6)
            #expect(try String(contentsOfFile: "\(mountPoint)/file.txt", encoding: .utf8) == payload)
            try await testbed.shell(["umount", mountPoint])

            // Remove gamma's claim: kept without --prune, deleted with it.
            try FileManager.default.removeItem(atPath: "\(documents)/gamma.yaml")
            let plan = try await run(["plan"])
            #expect(plan.exitCode == 0)
            #expect(plan.stdout.contains("! volume gamma: its claim is gone (kept; apply with --prune to delete it)"))
            #expect(try await run(["apply"]).exitCode == 0)
            #expect(try await Self.volumeInfo(testbed, "gamma").status == .started)
            let pruned = try await run(["apply", "--prune"])
            #expect(pruned.exitCode == 0, "\(pruned.stdout)\(pruned.stderr)")
            #expect(try await testbed.gluster(1, ["volume", "info", "gamma"]).exitCode != 0)
            #expect(try await run(["plan", "--prune"]).exitCode == 0)

            // Lose the database, recover it from the nodes: the same volumes, ids, sizes and bricks; nothing to do.
            let before = try await SQLiteStore(path: workspace.database).topology(includingPending: true)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspace.database + suffix) }
            let recovered = try await run(["recover"])
            #expect(recovered.exitCode == 0, "\(recovered.stdout)\(recovered.stderr)")
            #expect(recovered.stdout.contains("1 cluster, 3 nodes, 6 devices, 2 volumes, 9 bricks"), "\(recovered.stdout)")
            let after = try await SQLiteStore(path: workspace.database).topology(includingPending: true)
            #expect(Self.volumeSummary(after) == Self.volumeSummary(before))
            #expect(Set(after.bricks.values.map(\.path)) == Set(before.bricks.values.map(\.path)))
            #expect(after.devices.values.map(\.used).reduce(.zero, +) == before.devices.values.map(\.used).reduce(.zero, +))
            // Each node's id is its glusterd's UUID.
            let uuids = try (1...Testbed.nodeCount).map { node in
                let info = try String(contentsOfFile: "\(testbed.root)/n\(node)/glusterd/glusterd.info", encoding: .utf8)
                let line = info.split(separator: "\n").first { $0.hasPrefix("UUID=") } ?? ""
                return String(line.dropFirst("UUID=".count).filter { $0 != "-" })
            }
            #expect(Set(after.nodes.keys.map(\.description)) == Set(uuids))
            let replanned = try await run(["plan", "--prune"])
            #expect(replanned.exitCode == 0, "\(replanned.stdout)\(replanned.stderr)")
            let again = try await run(["recover"])
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("already holds"), "\(again.stderr)")
            // From one host alone: the pool's other members are found as its peers.
            let fromOneHost = try await ProcessRunner.run(
                [brickyard, "recover", "--hosts", testbed.host(1), "--dry-run", "--config", config], timeout: .seconds(120))
            #expect(fromOneHost.exitCode == 0, "\(fromOneHost.stdout)\(fromOneHost.stderr)")
            #expect(fromOneHost.stdout.contains("Would recover into"), "\(fromOneHost.stdout)")
            #expect(fromOneHost.stdout.contains("3 nodes"), "\(fromOneHost.stdout)")
            #expect(fromOneHost.stdout.contains("2 volumes, 9 bricks"), "\(fromOneHost.stdout)")
            #expect(fromOneHost.stdout.contains("note: node \(testbed.host(2)) was found as a peer"), "\(fromOneHost.stdout)")
        }
    }

    /// What must survive a recovery: each volume's id, name, size, shape, options and bricks (by id, in sets).
    static func volumeSummary(_ topology: Topology) -> [String] {
        topology.volumes.values.map { volume in
            let options = volume.options.map(\.description).sorted().joined(separator: ",")
            let sets = volume.brickSets.map { $0.map(\.description).joined(separator: "+") }.joined(separator: " ")
            return "\(volume.id) \(volume.name) \(volume.size.bytes) \(volume.durability) [\(options)] \(sets)"
        }.sorted()
    }

    /// `serve --desired` on the real pool with the default resync period (60 s): a new document becomes a started
    /// volume without an apply, and a volume stopped or an option changed behind Brickyard's back is healed within
    /// 15 s by the observation between passes.
    @Test(.timeLimit(.minutes(10)))
    func theControllerHealsDriftOnRealGluster() async throws {
        let testbed = Testbed(name: "drift")
        try await testbed.run {
            let workspace = try Testbed.Workspace(testbed, devicesPerNode: 1)
            let (database, config, documents) = (workspace.database, workspace.config, workspace.documents)
            let server = try await ServerProcess.start(
                database: database, arguments: ["--config", config, "--desired", documents])

            func started(_ name: String) async throws -> Bool {
                let result = try await testbed.gluster(1, ["volume", "info", name, "--xml"])
                return (try? GlusterVolumeInfo.parse(result.stdout).first?.status == .started) ?? false
            }
            func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws -> Duration {
                let clock = ContinuousClock()
                let start = clock.now
                while start.duration(to: clock.now) < .seconds(90) {
                    if try await condition() { return start.duration(to: clock.now) }
                    try await Task.sleep(for: .milliseconds(200))
                }
                Issue.record("\(what) did not happen within 90 s; server log: \(server.log.suffix(3000))")
                return .seconds(90)
            }

            // A document appears: the volume is created and started without any command.
            let written = ContinuousClock.now
            try "kind: VolumeClaim\nname: served\nsize: 1\noptions: [\"performance.readdir-ahead on\"]\n"
                .write(toFile: documents + "/served.yaml", atomically: true, encoding: .utf8)
            _ = try await waitUntil("the volume's creation") { try await started("served") }
            let converged = written.duration(to: ContinuousClock.now)
            // The operation ends (the volume becomes visible) once every step is done; only then is it left alone.
            _ = try await waitUntil("the end of the create operation") {
                !((try await server.json("/volumes"))["volumes"] as? [String] ?? []).isEmpty
            }
            print("testbed: document to started replica-3 volume in \(converged)")

            // Stopped behind Brickyard's back: started again at the next resync.
            // glusterd refuses a command while another transaction (the controller's observation) holds its lock.
            func glusterRetrying(_ arguments: [String]) async throws -> Int32 {
                var result = try await testbed.gluster(1, arguments)
                for _ in 0..<20 where result.exitCode != 0 {
                    try await Task.sleep(for: .milliseconds(300))
                    result = try await testbed.gluster(1, arguments)
                }
                return result.exitCode
            }
            #expect(try await glusterRetrying(["volume", "stop", "served", "force"]) == 0)
            let restarted = try await waitUntil("the restart of a stopped volume") { try await started("served") }
            print("testbed: stopped volume started again in \(restarted)")
            #expect(restarted < .seconds(15))
            _ = try await waitUntil("the heal's log line") {
                server.log.contains("event=drift_healed component=reconcile kind=volume_stopped subject=served")
            }

            // An option changed behind Brickyard's back is set back.
            #expect(try await glusterRetrying(["volume", "set", "served", "performance.readdir-ahead", "off"]) == 0)
            let restored = try await waitUntil("the option's restoration") {
                let info = try await testbed.gluster(1, ["volume", "info", "served", "--xml"])
                return (try? GlusterVolumeInfo.parse(info.stdout).first?.option("performance.readdir-ahead")) == "on"
            }
            print("testbed: changed option set back in \(restored)")
            #expect(restored < .seconds(15))
            // The counters move once each heal's command has returned, a moment after gluster shows its effect.
            _ = try await waitUntil("the heal counters") {
                let metrics = try await server.request("GET", "/metrics").bodyText
                return metrics.contains("brickyard_actions_total{action=\"heal_start_volume\",result=\"succeeded\"}")
                    && metrics.contains("brickyard_actions_total{action=\"heal_set_options\",result=\"succeeded\"}")
            }
            try await server.kill(signal: SIGTERM)
        }
    }

    /// The create flow's crash matrix on the real pool: `apply` killed after each of the six actions of a replica-3
    /// create, then run again, leaves one started volume whose bricks are exactly the store's, and pruning it
    /// leaves no brick directory behind.
    @Test(.timeLimit(.minutes(10)))
    func everyCrashPointOfACreateConvergesOnRealGluster() async throws {
        let testbed = Testbed(name: "crash")
        try await testbed.run {
            let workspace = try Testbed.Workspace(testbed, devicesPerNode: 1)
            let (directory, config, documents) = (workspace.directory, workspace.config, workspace.documents)
            for crashPoint in 1...6 {
                let database = directory.path("brickyard-\(crashPoint).db")
                try testbed.configuration(database: database).write(toFile: config, atomically: true, encoding: .utf8)
                #expect(try await workspace.apply().exitCode == 0)
                try "kind: VolumeClaim\nname: crash\nsize: 1\n".write(
                    toFile: documents + "/crash.yaml", atomically: true, encoding: .utf8)
                let crashed = try await workspace.apply(crashAfter: crashPoint)
                #expect(crashed.exitCode == 128 + SIGKILL, "crash point \(crashPoint)")
                let resumed = try await workspace.apply()
                #expect(resumed.exitCode == 0, "after crash point \(crashPoint): \(resumed.stdout)\(resumed.stderr)")

                let info = try await Self.volumeInfo(testbed, "crash")
                #expect(info.status == .started, "after crash point \(crashPoint)")
                let store = try SQLiteStore(path: database)
                #expect(try await store.pendingMarkers().isEmpty, "after crash point \(crashPoint)")
                let addresses = Self.brickAddresses(try await store.topology(includingPending: true))
                #expect(Set(info.bricks.map(\.address.argument)) == addresses, "after crash point \(crashPoint)")
                let onDisk = testbed.brickDirectoriesOnFirstDevices()
                #expect(onDisk.count == 3, "after crash point \(crashPoint): brick directories \(onDisk)")

                try FileManager.default.removeItem(atPath: documents + "/crash.yaml")
                #expect(try await workspace.apply().exitCode == 0)
                #expect(try await testbed.gluster(1, ["volume", "info", "crash"]).exitCode != 0)
                let left = testbed.brickDirectoriesOnFirstDevices()
                #expect(left.isEmpty, "after crash point \(crashPoint) and prune: \(left)")
            }
        }
    }

    /// `host:path` of every brick in the store, as `gluster volume info` names them.
    static func brickAddresses(_ topology: Topology) -> Set<String> {
        Set(topology.bricks.values.map { "\(topology.nodes[$0.node]?.storageHostname ?? ""):\($0.path)" })
    }

    /// The expand and delete flows killed after each of their actions: a restart goes on to the end (an expansion
    /// whose bricks joined is carried forward, a deletion once begun is finished), with nothing left behind.
    @Test(.timeLimit(.minutes(15)))
    func everyCrashPointOfAnExpandAndADeleteConvergesOnRealGluster() async throws {
        let testbed = Testbed(name: "crash2")
        try await testbed.run {
            let workspace = try Testbed.Workspace(testbed, devicesPerNode: 1)
            let (directory, config, documents) = (workspace.directory, workspace.config, workspace.documents)
            let claim = documents + "/crash.yaml"
            // Expand: 3 bricks, add-brick, the new size, rebalance. Delete: stop, delete, 3 bricks.
            for (flow, actions) in [("expand", 6), ("delete", 5)] {
                for crashPoint in 1...actions {
                    let context = "\(flow) after crash point \(crashPoint)"
                    let database = directory.path("brickyard-\(flow)-\(crashPoint).db")
                    try testbed.configuration(database: database).write(toFile: config, atomically: true, encoding: .utf8)
                    try "kind: VolumeClaim\nname: crash\nsize: 1\n".write(toFile: claim, atomically: true, encoding: .utf8)
                    let made = try await workspace.apply()
                    #expect(made.exitCode == 0, "\(context): \(made.stdout)\(made.stderr)")
                    if flow == "expand" {
                        try "kind: VolumeClaim\nname: crash\nsize: 2\n".write(toFile: claim, atomically: true, encoding: .utf8)
                    } else {
                        try FileManager.default.removeItem(atPath: claim)
                    }
                    let crashed = try await workspace.apply(crashAfter: crashPoint)
                    #expect(crashed.exitCode == 128 + SIGKILL, "\(context): \(crashed.stdout)\(crashed.stderr)")
                    let resumed = try await workspace.apply()
                    #expect(resumed.exitCode == 0, "\(context): \(resumed.stdout)\(resumed.stderr)")

                    let store = try SQLiteStore(path: database)
                    #expect(try await store.pendingMarkers().isEmpty, "\(context)")
                    if flow == "expand" {
                        let info = try await Self.volumeInfo(testbed, "crash")
                        let topology = try await store.topology(includingPending: true)
                        #expect(info.status == .started, "\(context)")
                        #expect(info.bricks.count == 6, "\(context)")
                        #expect(info.option("user.brickyard.size") == String(2 << 30), "\(context)")
                        #expect(topology.volumes.values.map(\.size) == [.gibibytes(2)], "\(context)")
                        #expect(Set(info.bricks.map(\.address.argument)) == Self.brickAddresses(topology), "\(context)")
                        let onDisk = testbed.brickDirectoriesOnFirstDevices()
                        #expect(onDisk.count == 6, "\(context): brick directories \(onDisk)")
                        try FileManager.default.removeItem(atPath: claim)
                        #expect(try await workspace.apply().exitCode == 0, "\(context)")
                    }
                    #expect(try await testbed.gluster(1, ["volume", "info", "crash"]).exitCode != 0, "\(context)")
                    #expect(try await store.topology(includingPending: true).bricks.isEmpty, "\(context)")
                    let left = testbed.brickDirectoriesOnFirstDevices()
                    #expect(left.isEmpty, "\(context): brick directories left \(left)")
                }
            }
        }
    }

    static func volumeInfo(_ testbed: Testbed, _ name: String) async throws -> GlusterVolumeInfo {
        let result = try await testbed.gluster(1, ["volume", "info", name, "--xml"])
        let volumes = try GlusterVolumeInfo.parse(result.stdout)
        return try #require(volumes.first)
    }
}
