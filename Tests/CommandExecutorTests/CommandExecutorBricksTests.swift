import CommandExecutor
import Executor
import NodeTransport
import Planning
import StorageModel
import Testing

/// Bricks are made and removed where their record says and as large as it says, never where the executor would
/// place them today.
@Suite struct CommandExecutorBricksTests {
    static let brick = BrickID(high: 0xb, low: 1)
    static let device = DeviceID(high: 0xd, low: 1)

    /// The suite's topology on LVM devices, with the first brick recorded at `path` and reserving `reserved`.
    static func topology(path: String, reserved: ByteCount) -> Topology {
        var (topology, _) = CommandExecutorTests.topology(backend: .lvm)
        var brick = topology.bricks[Self.brick]!
        brick.size = .gibibytes(10)
        brick.path = path
        brick.reserved = reserved
        topology.insert(brick)
        return topology
    }

    /// A brick Heketi made under its own mount root, with snapshots at 1.5 (a 15 GiB pool and 80 MiB of metadata)
    /// although its volume has snapshots off now: built and removed at its path, from its reservation.
    @Test func anLVMBrickIsBuiltAndRemovedFromItsRecord() async throws {
        let mountPoint = "/old/root/vg_\(Self.device)/brick_\(Self.brick)"
        let topology = Self.topology(path: mountPoint + "/brick", reserved: .gibibytes(15) + .mebibytes(80))
        let transport = RecordingTransport()
        let executor = CommandExecutor(transport: transport)
        _ = try await executor.run(.createBrick(brick: Self.brick), in: topology)
        _ = try await executor.run(.destroyBrick(brick: Self.brick), in: topology)
        let (create, destroy) = (transport.recorded[0].argv.last ?? "", transport.recorded[1].argv.last ?? "")
        #expect(transport.recorded.map(\.host) == ["m1", "m1"])
        #expect(create.contains("mkdir -p \(mountPoint)\n"))
        #expect(create.contains("--poolmetadatasize 81920K --chunksize 256K --size 15728640K --thin "))
        #expect(create.contains(" vg_\(Self.device)/tp_\(Self.brick) --virtualsize 10485760K "))
        #expect(create.contains("mkdir \(mountPoint)/brick\n"))
        #expect(destroy.contains("then umount \(mountPoint); fi"))
        #expect(destroy.contains("then rmdir \(mountPoint); fi"))
        #expect(!(create + destroy).contains(BrickLocation.heketiMountRoot))
    }

    /// A recorded path that is not where this brick of its device lives is refused before anything runs.
    @Test(arguments: [
        "/srv/d1/brick_0000000000000000000000000000000b/brick",
        "/var/lib/heketi/mounts/vg_\(DeviceID(high: 0xd, low: 2))/brick_\(BrickID(high: 0xb, low: 1))/brick",
        "/var/lib/heketi/mounts/vg_\(DeviceID(high: 0xd, low: 1))/brick_\(BrickID(high: 0xb, low: 2))/brick",
    ])
    func aPathOutsideTheLayoutIsRefused(path: String) async throws {
        let topology = Self.topology(path: path, reserved: .gibibytes(11))
        let transport = RecordingTransport()
        let executor = CommandExecutor(transport: transport)
        for action in [Action.createBrick(brick: Self.brick), .destroyBrick(brick: Self.brick)] {
            await #expect(
                throws: ExecutorError(
                    action: action.name, host: "m1",
                    message: "brick \(Self.brick): its path \(path) is not where a brick of lvm device /srv/d1 lives")
            ) {
                _ = try await executor.run(action, in: topology)
            }
        }
        #expect(transport.recorded.isEmpty)
    }
}
