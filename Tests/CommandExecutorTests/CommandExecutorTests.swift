import CommandExecutor
import Foundation
import Planning
import Executor
import NodeTransport
import StorageModel
import Synchronization
import Testing

@Suite struct CommandExecutorTests {
    /// Three nodes in three zones, one directory device each, and a replica-3 volume with one brick per node.
    static func topology(backend: BrickBackend = .directory) -> (Topology, Volume) {
        var topology = Topology()
        let cluster = ClusterID(high: 0xc, low: 1)
        topology.insert(Cluster(id: cluster))
        var bricks: [BrickID] = []
        for index in 1...3 {
            let node = NodeID(high: 0xa, low: UInt64(index))
            let device = DeviceID(high: 0xd, low: UInt64(index))
            topology.insert(
                Node(id: node, cluster: cluster, zone: index, manageHostname: "m\(index)", storageHostname: "s\(index)"))
            topology.insert(
                Device(
                    id: device, node: node, name: "/srv/d\(index)", total: .gibibytes(100), backend: backend,
                    sizeEnforced: backend == .lvm))
            bricks.append(BrickID(high: 0xb, low: UInt64(index)))
        }
        let volumeID = VolumeID(high: 0xe, low: 1)
        let volume = Volume(
            id: volumeID, name: "vol_1", cluster: cluster, size: .gibibytes(1), durability: .replicate(3),
            options: [VolumeOption(key: "user.heketi.id", value: volumeID.description)], brickSets: [bricks])
        topology.insert(volume)
        for (index, brick) in bricks.enumerated() {
            let device = DeviceID(high: 0xd, low: UInt64(index + 1))
            topology.insert(
                Brick(
                    id: brick, volume: volumeID, device: device, node: NodeID(high: 0xa, low: UInt64(index + 1)),
                    size: .gibibytes(1), reserved: .gibibytes(1),
                    path: "/srv/d\(index + 1)/brick_\(brick)/brick"))
        }
        return (topology, volume)
    }

    /// A replica-3 create is six round trips: one brick script per node, then create, options, start.
    @Test func replicaThreeCreateIsSixRoundTrips() async throws {
        let (topology, volume) = Self.topology()
        let transport = RecordingTransport()
        let executor = CommandExecutor(transport: transport)
        for action in VolumePlanner.create(volume, in: topology).actions {
            _ = try await executor.run(action, in: topology)
        }
        let calls = transport.recorded
        #expect(executor.roundTrips == 6)
        #expect(calls.count == 6)
        #expect(calls.prefix(3).map(\.host).sorted() == ["m1", "m2", "m3"])
        #expect(calls.prefix(3).allSatisfy { $0.argv.prefix(2) == ["sh", "-c"] })
        let brickOne = BrickID(high: 0xb, low: 1)
        #expect(
            calls.first { $0.host == "m1" }?.argv.last
                == "set -e\ntest -d /srv/d1\nmkdir /srv/d1/brick_\(brickOne)\nmkdir /srv/d1/brick_\(brickOne)/brick\n")
        let bricks = (1...3).map { "s\($0):/srv/d\($0)/brick_\(BrickID(high: 0xb, low: UInt64($0)))/brick" }
        #expect(calls[3] == .init(host: "m1", argv: ["gluster", "--mode=script", "volume", "create", "vol_1", "replica", "3"] + bricks))
        #expect(calls[4].argv.last?.contains("gluster --mode=script volume set vol_1 user.heketi.id") == true)
        #expect(calls[5].argv == ["gluster", "--mode=script", "volume", "start", "vol_1"])
    }

    /// glusterd's "another transaction is in progress" is retried; the command then succeeds.
    @Test func aBusyGlusterdIsAskedAgain() async throws {
        let (topology, volume) = Self.topology()
        let attempts = Mutex(0)
        let transport = RecordingTransport { _, _ in
            let attempt = attempts.withLock { value -> Int in
                value += 1
                return value
            }
            return attempt < 3
                ? CommandResult(exitCode: 1, stdout: "", stderr: "volume start: vol_1: failed: Another transaction is in progress for vol_1. Please try again after some time.\n")
                : CommandResult(exitCode: 0, stdout: "", stderr: "")
        }
        let executor = CommandExecutor(transport: transport)
        #expect(try await executor.run(.startVolume(volume: volume.id), in: topology) == .completed)
        #expect(transport.recorded.count == 3)
    }

    /// A failing command's last stderr line, the command and the host make the one-line error.
    @Test func aFailureCarriesTheCommandAndItsError() async throws {
        let (topology, volume) = Self.topology()
        let transport = RecordingTransport { _, argv in
            argv.contains("create")
                ? CommandResult(exitCode: 1, stdout: "", stderr: "volume create: vol_1: failed: Volume vol_1 already exists\n")
                : CommandResult(exitCode: 0, stdout: "", stderr: "")
        }
        let executor = CommandExecutor(transport: transport)
        await #expect(
            throws: ExecutorError(
                action: "create_volume", host: "m1",
                message: "gluster volume create vol_1 exited 1: volume create: vol_1: failed: Volume vol_1 already exists")
        ) {
            _ = try await executor.run(.createVolume(volume: volume.id, bricks: volume.brickSets[0]), in: topology)
        }
    }

    /// Undo steps tolerate work that never happened: stopping or deleting a missing volume succeeds, and runs
    /// nothing but the look-up.
    @Test func undoingAVolumeThatIsNotThereSucceeds() async throws {
        let (topology, volume) = Self.topology()
        let missing = try String(contentsOf: Self.fixture("gluster/volume-info-nonexistent.xml"), encoding: .utf8)
        let transport = RecordingTransport { _, _ in CommandResult(exitCode: 0, stdout: missing, stderr: "") }
        let executor = CommandExecutor(transport: transport)
        #expect(try await executor.run(.stopVolume(volume: volume.id), in: topology) == .completed)
        #expect(try await executor.run(.deleteVolume(volume: volume.id), in: topology) == .completed)
        #expect(transport.recorded.map { $0.argv[2...3] } == [["volume", "info"], ["volume", "info"]])
        let plain = RecordingTransport { _, _ in
            CommandResult(exitCode: 1, stdout: "", stderr: "Volume vol_1 does not exist\n")
        }
        #expect(try await CommandExecutor(transport: plain).run(.deleteVolume(volume: volume.id), in: topology) == .completed)
    }

    /// A gluster volume of the same name that is not this volume (another `user.heketi.id`) is never deleted,
    /// so rolling back a create that failed on a taken name leaves the other volume alone.
    @Test func aVolumeOfTheSameNameOwnedByAnotherIsLeftAlone() async throws {
        let (topology, volume) = Self.topology()
        let transport = RecordingTransport { _, argv in
            CommandResult(exitCode: 0, stdout: Self.volumeInfoXML(name: "vol_1", owner: "0123456789abcdef0123456789abcdef", bricks: ["s9:/elsewhere/brick"]), stderr: "")
        }
        let executor = CommandExecutor(transport: transport)
        #expect(try await executor.run(.deleteVolume(volume: volume.id), in: topology) == .completed)
        #expect(transport.recorded.count == 1)

        let ours = RecordingTransport { _, argv in
            CommandResult(exitCode: 0, stdout: Self.volumeInfoXML(name: "vol_1", owner: volume.id.description, bricks: []), stderr: "")
        }
        let owner = CommandExecutor(transport: ours)
        _ = try await owner.run(.deleteVolume(volume: volume.id), in: topology)
        #expect(ours.recorded.last?.argv == ["gluster", "--mode=script", "volume", "delete", "vol_1"])

        // Interrupted before its options were set: no owner option, but only this volume's bricks.
        let bricks = volume.brickSets[0].compactMap { id in topology.bricks[id].map { "s\($0.node.low):\($0.path)" } }
        let unnamed = RecordingTransport { _, argv in
            CommandResult(exitCode: 0, stdout: Self.volumeInfoXML(name: "vol_1", owner: nil, bricks: bricks), stderr: "")
        }
        _ = try await CommandExecutor(transport: unnamed).run(.stopVolume(volume: volume.id), in: topology)
        #expect(unnamed.recorded.last?.argv == ["gluster", "--mode=script", "volume", "stop", "vol_1", "force"])
    }

    static func fixture(_ path: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(path)")
    }

    /// A minimal `volume info --xml` answer in gluster's layout.
    static func volumeInfoXML(name: String, owner: String?, bricks: [String]) -> String {
        let brickXML = bricks.enumerated().map { index, brick in
            "<brick uuid=\"u\(index)\">\(brick)<name>\(brick)</name><hostUuid>u\(index)</hostUuid><isArbiter>0</isArbiter></brick>"
        }.joined()
        let option = owner.map { "<option><name>user.heketi.id</name><value>\($0)</value></option>" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><volInfo><volumes><volume>\
            <name>\(name)</name><id>6a7ea2a1-1111-2222-3333-444455556666</id><status>1</status><statusStr>Started</statusStr>\
            <snapshotCount>0</snapshotCount><brickCount>\(bricks.count)</brickCount><distCount>1</distCount>\
            <replicaCount>3</replicaCount><arbiterCount>0</arbiterCount><disperseCount>0</disperseCount>\
            <redundancyCount>0</redundancyCount><type>2</type><typeStr>Replicate</typeStr><transport>0</transport>\
            <bricks>\(brickXML)</bricks><optCount>1</optCount><options>\(option)</options></volume><count>1</count>\
            </volumes></volInfo></cliOutput>
            """
    }

    /// Setting up a block device: a probe round trip, then pvcreate, vgcreate and the size report in one script.
    @Test func aBlockDeviceBecomesAVolumeGroupSizedFromLVM() async throws {
        let (topology, _) = Self.topology(backend: .lvm)
        let device = DeviceID(high: 0xd, low: 1)
        let report = #"{"report":[{"vg":[{"vg_name":"vg_\#(device)","vg_size":"10733223936","vg_free":"10733223936","vg_extent_size":"4194304","vg_extent_count":"2559","vg_free_count":"2559"}]}]}"#
        let transport = RecordingTransport { _, argv in
            let script = argv.last ?? ""
            if script.contains("stat -L -c %F") {
                return CommandResult(exitCode: 0, stdout: "block special file\n4096 100 50\n", stderr: "")
            }
            return CommandResult(exitCode: 0, stdout: report, stderr: "")
        }
        let executor = CommandExecutor(transport: transport)
        let outcome = try await executor.run(.setUpDevice(device: device, destroyData: false), in: topology)
        #expect(outcome == .device(DeviceReport(size: ByteCount(bytes: 2559 * 4_194_304), backend: .lvm)))
        let script = transport.recorded.last?.argv.last ?? ""
        #expect(script.contains("pvcreate -qq --metadatasize=128M --dataalignment=256K /srv/d1"))
        #expect(script.contains("vgcreate -qq --physicalextentsize=4M --autobackup=n vg_\(device) /srv/d1"))
        #expect(!script.contains("wipefs"))
    }

    /// The whole filesystem, not its free space: bricks are counted by the store, and the size is the one recovery
    /// reads back and drift compares.
    @Test func aDirectoryDeviceIsSizedAsItsFilesystemAndSaysSizesAreNotEnforced() async throws {
        let (topology, _) = Self.topology()
        let transport = RecordingTransport { _, _ in CommandResult(exitCode: 0, stdout: "directory\n4096 1000 750\n", stderr: "") }
        let executor = CommandExecutor(transport: transport)
        let outcome = try await executor.run(.setUpDevice(device: DeviceID(high: 0xd, low: 2), destroyData: false), in: topology)
        #expect(outcome == .device(DeviceReport(size: ByteCount(bytes: 1000 * 4096), backend: .directory, sizeEnforced: false)))
        #expect(executor.roundTrips == 2)
        #expect(transport.recorded.last?.argv == ["mountpoint", "-q", "/srv/d2"])
    }

    /// A resync reads the same size, however full the filesystem is.
    @Test func aDirectoryDeviceResyncsToItsFilesystemsSize() async throws {
        let (topology, _) = Self.topology()
        let transport = RecordingTransport { _, _ in CommandResult(exitCode: 0, stdout: "4096 1000 20\n", stderr: "") }
        let outcome = try await CommandExecutor(transport: transport).run(
            .resyncDevice(device: DeviceID(high: 0xd, low: 1)), in: topology)
        #expect(outcome == .device(DeviceReport(size: ByteCount(bytes: 1000 * 4096), backend: .directory, sizeEnforced: false)))
        #expect(transport.recorded.map(\.argv) == [["stat", "-f", "-L", "-c", "%S %b %a", "--", "/srv/d1"]])
    }

    @Test func aDirectoryThatIsNotAMountPointIsRefused() async throws {
        let (topology, _) = Self.topology()
        let transport = RecordingTransport { _, argv in
            argv.first == "mountpoint"
                ? CommandResult(exitCode: 32, stdout: "", stderr: "")
                : CommandResult(exitCode: 0, stdout: "directory\n4096 1000 750\n", stderr: "")
        }
        await #expect(
            throws: ExecutorError(
                action: "set_up_device", host: "m1",
                message: "/srv/d1 is a directory but not a mount point; mount the filesystem for bricks there first")
        ) {
            _ = try await CommandExecutor(transport: transport).run(
                .setUpDevice(device: DeviceID(high: 0xd, low: 1), destroyData: false), in: topology)
        }
    }

    @Test func aPathThatIsNeitherIsRefusedWithItsKind() async throws {
        let (topology, _) = Self.topology()
        let transport = RecordingTransport { _, _ in CommandResult(exitCode: 0, stdout: "regular file\n4096 1 1\n", stderr: "") }
        let executor = CommandExecutor(transport: transport)
        await #expect(throws: ExecutorError.self) {
            _ = try await executor.run(.setUpDevice(device: DeviceID(high: 0xd, low: 1), destroyData: false), in: topology)
        }
    }
}
