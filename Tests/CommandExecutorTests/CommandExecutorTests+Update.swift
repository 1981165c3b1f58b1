import CommandExecutor
import Executor
import NodeTransport
import Planning
import StorageModel
import Testing

/// An update in place as the nodes see it: the exact commands and how many round trips.
extension CommandExecutorTests {
    /// All of an update's resets are one script on the volume's gluster node, one `volume reset` per key.
    @Test func resetsAreOneScriptOfVolumeResets() async throws {
        let (topology, volume) = Self.topology()
        let transport = RecordingTransport()
        let executor = CommandExecutor(transport: transport)
        let action = Action.resetOptions(
            volume: volume.id, keys: ["performance.read-ahead", "diagnostics.brick-log-level"])
        #expect(try await executor.run(action, in: topology) == .completed)
        #expect(
            transport.recorded == [
                .init(
                    host: "m1",
                    argv: [
                        "sh", "-c",
                        """
                        set -e
                        gluster --mode=script volume reset vol_1 performance.read-ahead
                        gluster --mode=script volume reset vol_1 diagnostics.brick-log-level

                        """,
                    ])
            ])
    }

    /// Gluster's refusal reaches the operation with the step's name and what gluster said failed (not its guess).
    @Test func aResetGlusterRefusesFailsWithItsMessage() async throws {
        let (topology, volume) = Self.topology()
        let transport = RecordingTransport { _, _ in
            CommandResult(
                exitCode: 1, stdout: "",
                stderr: "volume reset: failed: Option no.such does not exist\nDid you mean nfs.acl?\n")
        }
        await #expect(
            throws: ExecutorError(
                action: "reset_options", host: "m1",
                message: "script exited 1: volume reset: failed: Option no.such does not exist")
        ) {
            _ = try await CommandExecutor(transport: transport).run(
                .resetOptions(volume: volume.id, keys: ["no.such"]), in: topology)
        }
    }

    /// The group goes on each brick's stored path, one script on each node holding a brick.
    @Test func theBrickGroupIsSetOnEveryNodeAtTheStoredPaths() async throws {
        let (topology, volume) = Self.topology()
        let transport = RecordingTransport()
        let executor = CommandExecutor(transport: transport)
        #expect(try await executor.run(.setBrickGroup(volume: volume.id, gid: 2000), in: topology) == .completed)
        #expect(executor.roundTrips == 3)
        let scripts = Dictionary(uniqueKeysWithValues: transport.recorded.map { ($0.host, $0.argv) })
        for index in 1...3 {
            let path = "/srv/d\(index)/brick_\(BrickID(high: 0xb, low: UInt64(index)))/brick"
            #expect(scripts["m\(index)"] == ["sh", "-c", "set -e\nchown :2000 \(path)\nchmod 2775 \(path)\n"])
        }
    }

    /// A node that cannot change its brick fails the step, naming the node; the others have still been asked.
    @Test func aNodeThatCannotChangeItsBrickFailsTheStep() async throws {
        let (topology, volume) = Self.topology()
        let transport = RecordingTransport { host, _ in
            host == "m2"
                ? CommandResult(
                    exitCode: 1, stdout: "", stderr: "chown: cannot access '/srv/d2/x': No such file or directory\n")
                : CommandResult(exitCode: 0, stdout: "", stderr: "")
        }
        await #expect(
            throws: ExecutorError(
                action: "set_brick_group", host: "m2",
                message: "script exited 1: chown: cannot access '/srv/d2/x': No such file or directory")
        ) {
            _ = try await CommandExecutor(transport: transport).run(
                .setBrickGroup(volume: volume.id, gid: 0), in: topology)
        }
        #expect(Set(transport.recorded.map(\.host)) == ["m1", "m2", "m3"])
    }
}
