import CommandExecutor
import Foundation
import NodeTransport
import StorageModel
import Testing

/// `observe` asks each node once: one script per node, the volumes on the first node's script only.
@Suite struct ObservationTests {
    static func transport(_ reply: @escaping @Sendable (String, String) -> ObservationReplies.Output) -> RecordingTransport {
        let replies = ObservationReplies(reply: reply)
        return RecordingTransport { host, argv in replies.answer(host: host, argv: argv) }
    }

    @Test func onePassIsOneRoundTripPerNode() async throws {
        let (topology, _) = CommandExecutorTests.topology()
        let transport = Self.transport { _, name in ObservationReplies.recorded(name) }
        let executor = CommandExecutor(transport: transport)
        let state = await executor.observe(topology)

        #expect(executor.roundTrips == 3)
        let calls = transport.recorded
        #expect(calls.map(\.host).sorted() == ["m1", "m2", "m3"])
        #expect(calls.allSatisfy { $0.argv.count == 3 && $0.argv.prefix(2) == ["sh", "-c"] })
        for call in calls {
            let names = ObservationReplies.sectionNames(in: call.argv[2])
            let volumes = ["volume-info", "volume-status"]
            #expect(
                names == ["peers", "pvs", "vgs", "lvs", "mounts", "brick-directories", "directory-filesystems"]
                    + (call.host == "m1" ? volumes : []))
        }

        #expect(state.nodes.map(\.host) == ["m1", "m2", "m3"])
        let node = try #require(state.nodes.first)
        #expect(node.errors == [])
        #expect(node.peers.map(\.hostname) == ["127.1.1.2", "127.1.1.3"])
        #expect(node.peers.allSatisfy { $0.connected })
        #expect(node.physicalVolumes == [.init(name: "/dev/loopN", volumeGroup: "vg_0f1e2d3c4b5a69788796a5b4c3d2e1f0", size: 2_009_071_616, free: 2_009_071_616)])
        #expect(node.volumeGroups == [.init(name: "vg_0f1e2d3c4b5a69788796a5b4c3d2e1f0", size: 2_009_071_616, free: 2_009_071_616)])
        #expect(node.logicalVolumes == [])
        #expect(node.brickMounts == ["/var/lib/heketi/mounts/vg_a/brick_a", "/var/lib/heketi/mounts/vg_a/brick_b"])
        #expect(node.brickDirectories == ["/srv/d1/brick_1", "/srv/d1/brick_2"])
        let filesystem = ObservedState.Filesystem(path: "/srv/d1", size: 4_096_000, free: 3_072_000)
        #expect(node.directoryFilesystems == [filesystem])

        #expect(state.volumesFrom == "m1")
        let volume = try #require(state.volumes.first)
        #expect(state.volumes.count == 1)
        #expect(volume.name == "vol_3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c")
        #expect(volume.status == "started")
        #expect(volume.bricks.map(\.online) == [true, true, true])
        #expect(volume.bricks.map(\.port) == [49200, 49264, 49360])
        #expect(volume.bricks.first?.address == "127.1.1.1:/srv/brickyard-testbed/n1/d1/brick_a3b0e8d1b2a4c4f6e9d7c5b3a1f0e2d4c/brick")
        #expect(volume.options["cluster.quorum-type"] != nil)

        // The JSON `brickyard observe` prints keeps its field names.
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(state)) as? [String: Any])
        #expect(Set(json.keys) == ["nodes", "volumes", "volumesFrom"])
        let nodeKeys = Set(((json["nodes"] as? [[String: Any]])?.first ?? [:]).keys)
        #expect(
            nodeKeys == [
                "host", "errors", "peers", "physicalVolumes", "volumeGroups", "logicalVolumes", "brickMounts",
                "brickDirectories", "directoryFilesystems",
            ])
    }

    /// A node without LVM tools reports `lvm: ...` and still has its peers, mounts and brick directories.
    @Test func aFailingSectionIsThatPartsErrorOnly() async throws {
        let (topology, _) = CommandExecutorTests.topology()
        let transport = Self.transport { host, name in
            host == "m2" && ["pvs", "vgs", "lvs"].contains(name)
                ? .init(exitCode: 127, stderr: "sh: 1: \(name): not found\n") : ObservationReplies.recorded(name)
        }
        let state = await CommandExecutor(transport: transport).observe(topology)
        let node = try #require(state.nodes.first { $0.host == "m2" })
        #expect(node.errors == ["lvm: pvs --reportformat exited 127: sh: 1: pvs: not found"])
        #expect(node.peers.count == 2)
        #expect(node.physicalVolumes.isEmpty && node.volumeGroups.isEmpty)
        #expect(node.brickDirectories.count == 2)
        #expect(state.nodes.filter { $0.host != "m2" }.allSatisfy { $0.errors.isEmpty })
        #expect(transport.recorded.count == 3)
    }

    /// Output that does not parse is that part's error, as before.
    @Test func unreadableOutputIsThatPartsError() async throws {
        let (topology, _) = CommandExecutorTests.topology()
        let transport = Self.transport { _, name in
            name == "vgs" ? .init(stdout: "  WARNING: not JSON\n") : ObservationReplies.recorded(name)
        }
        let state = await CommandExecutor(transport: transport).observe(topology)
        #expect(state.nodes.allSatisfy { $0.errors.count == 1 && $0.errors[0].hasPrefix("lvm: unexpected lvm output") })
        #expect(state.nodes.allSatisfy { $0.peers.count == 2 })
    }

    /// A node that cannot be reached reports each part failed with the transport's message.
    @Test func anUnreachableNodeIsReportedNotFatal() async throws {
        let (topology, _) = CommandExecutorTests.topology()
        let replies = ObservationReplies { _, name in ObservationReplies.recorded(name) }
        let transport = RecordingTransport { host, argv in
            host == "m3"
                ? CommandResult(exitCode: 255, stdout: "", stderr: "ssh: connect to host m3 port 22: Connection refused\n")
                : replies.answer(host: host, argv: argv)
        }
        let state = await CommandExecutor(transport: transport).observe(topology)
        let node = try #require(state.nodes.first { $0.host == "m3" })
        let message = "script exited 255: ssh: connect to host m3 port 22: Connection refused"
        #expect(
            node.errors == ["peers", "lvm", "mounts", "brick directories", "directory filesystems"].map { "\($0): \(message)" })
        #expect(state.volumesFrom == "m1")
        #expect(transport.recorded.count == 3)
    }

    /// A directory device that is not a mount point has no filesystem of its own to report; output that does not
    /// parse is that part's error.
    @Test func directoryFilesystemsAreTheMountedDirectoryDevices() async throws {
        let (topology, _) = CommandExecutorTests.topology()
        let transport = Self.transport { host, name in
            switch (host, name) {
            case ("m2", "directory-filesystems"): return .init(stdout: "other /srv/d2\n")
            case ("m3", "directory-filesystems"): return .init(stdout: "mounted 4096 /srv/d3\n")
            default: return ObservationReplies.recorded(name)
            }
        }
        let state = await CommandExecutor(transport: transport).observe(topology)
        #expect(state.nodes.map(\.directoryFilesystems.count) == [1, 0, 0])
        #expect(state.nodes.map(\.errors.count) == [0, 0, 1])
        #expect(state.nodes.last?.errors.first?.hasPrefix("directory filesystems: unexpected sh output") == true, "\(state.nodes)")
    }

    /// When the first node's glusterd does not answer, the volumes are asked of the next node: one more round
    /// trip, with the volume sections only.
    @Test func volumesComeFromTheNextNodeWhenTheFirstsGlusterdIsDown() async throws {
        let (topology, _) = CommandExecutorTests.topology()
        let down = ObservationReplies.Output(
            exitCode: 1, stderr: "Connection failed. Please check if gluster daemon is operational.\n")
        let transport = Self.transport { host, name in
            host == "m1" && ["peers", "volume-info", "volume-status"].contains(name) ? down : ObservationReplies.recorded(name)
        }
        let executor = CommandExecutor(transport: transport)
        let state = await executor.observe(topology)
        #expect(executor.roundTrips == 4)
        let last = try #require(transport.recorded.last)
        #expect(last.host == "m2")
        #expect(ObservationReplies.sectionNames(in: last.argv[2]) == ["volume-info", "volume-status"])
        #expect(state.volumesFrom == "m2")
        #expect(state.volumes.count == 1)
        #expect(
            state.nodes.first?.errors
                == ["peers: gluster peer status exited 1: Connection failed. Please check if gluster daemon is operational."])
    }

    /// A `volume status` glusterd refused as busy is asked again on its own (with the executor's retries).
    @Test func aBusyVolumeStatusIsAskedAgain() async throws {
        let (topology, _) = CommandExecutorTests.topology()
        let replies = ObservationReplies { _, name in
            name == "volume-status"
                ? .init(exitCode: 1, stderr: "Another transaction is in progress for vol_x. Please try again after some time.\n")
                : ObservationReplies.recorded(name)
        }
        let status = try String(contentsOf: CommandExecutorTests.fixture("gluster/volume-status-replica3.xml"), encoding: .utf8)
        let transport = RecordingTransport { host, argv in
            argv.first == "gluster"
                ? CommandResult(exitCode: 0, stdout: status, stderr: "") : replies.answer(host: host, argv: argv)
        }
        let executor = CommandExecutor(transport: transport)
        let state = await executor.observe(topology)
        #expect(executor.roundTrips == 4)
        let again = transport.recorded.filter { $0.argv.first == "gluster" }
        #expect(again == [.init(host: "m1", argv: ["gluster", "--mode=script", "volume", "status", "all", "--xml"])])
        #expect(state.volumes.first?.bricks.map(\.online) == [true, true, true])
    }
}
