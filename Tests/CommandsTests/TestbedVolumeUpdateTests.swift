import CommandExecutor
import Foundation
import NodeCommands
import NodeTransport
import Operations
import Planning
import StorageModel
import Store
import StoreRecords
import Testing

/// A volume updated in place on the real loopback Gluster pool: options set and reset as `gluster volume get` and
/// `volume info --xml` report them, the bricks' group changed on every node, the store in step throughout.
@Suite(.serialized, .enabled(if: Testbed.unavailableReason == nil, "\(Testbed.unavailableReason ?? "")"))
struct TestbedVolumeUpdateTests {
    @Test(.timeLimit(.minutes(10)))
    func optionsAndTheGidAreUpdatedOnRealGluster() async throws {
        let testbed = Testbed(name: "update")
        try await testbed.run {
            let workspace = try Testbed.Workspace(testbed, devicesPerNode: 1)
            try "kind: VolumeClaim\nname: tuned\nsize: 1\n"
                .write(toFile: workspace.documents + "/tuned.yaml", atomically: true, encoding: .utf8)
            let applied = try await workspace.apply()
            #expect(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")

            // The engine over the database apply wrote, running commands on the testbed's nodes.
            let store = try SQLiteStore(path: workspace.database)
            let nodes = Dictionary(
                uniqueKeysWithValues: (1...Testbed.nodeCount).map {
                    (testbed.host($0), ["PATH": "\(testbed.root)/n\($0)/bin"])
                })
            var settings = CommandExecutorSettings()
            settings.gluster.timeoutSeconds = 120
            let executor = CommandExecutor(
                transport: LocalTransport(nodes: nodes, baseEnvironment: testbed.environment), settings: settings)
            let engine = OperationEngine(store: store, executor: executor, settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))
            let volume = try #require(try await store.topology(includingPending: false).volumes.values.first)
            #expect(volume.name == "tuned")
            func update(_ update: VolumeUpdate) async throws {
                let operation = try await engine.updateVolume(volume.id, update)
                await engine.wait(for: operation)
                let record = try await store.operation(operation)
                #expect(record?.status == .succeeded, "\(record?.result ?? "")")
            }
            func logLevel() async throws -> String? {
                let get = try await testbed.gluster(1, ["volume", "get", "tuned", "diagnostics.brick-log-level"])
                #expect(get.exitCode == 0, "\(get.stderr)")
                let row = get.stdout.split(separator: "\n").first { $0.hasPrefix("diagnostics.brick-log-level") }
                return row?.split(separator: " ").last.map(String.init)
            }
            func brickModes() async throws -> [String] {
                let bricks = try await store.topology(includingPending: false).bricks.values.filter {
                    $0.volume == volume.id
                }
                #expect(bricks.count == 3)
                var modes: [String] = []
                for brick in bricks {
                    let stat = try await testbed.shell(["stat", "-c", "%a %g", brick.path])
                    modes.append(stat.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                return modes
            }
            #expect(try await logLevel() == "INFO")
            #expect(try await brickModes() == ["755 0", "755 0", "755 0"])

            // Set: the option and a user option land on the volume, the group on every brick.
            try await update(
                VolumeUpdate(
                    setting: [
                        VolumeOption(key: "diagnostics.brick-log-level", value: "WARNING"),
                        VolumeOption(key: "user.app", value: "blue sky"),
                    ], gid: 2000))
            #expect(try await logLevel() == "WARNING")
            var info = try await TestbedVolumeTests.volumeInfo(testbed, "tuned")
            #expect(info.option("diagnostics.brick-log-level") == "WARNING")
            #expect(info.option("user.app") == "blue sky")
            #expect(info.option("user.heketi.id") == volume.id.description)
            #expect(try await brickModes() == ["2775 2000", "2775 2000", "2775 2000"])
            var stored = try #require(try await store.topology(includingPending: false).volumes[volume.id])
            #expect(stored.options.contains(VolumeOption(key: "diagnostics.brick-log-level", value: "WARNING")))
            #expect(stored.gid == 2000)

            // Reset: back to Gluster's default and gone from `volume info`; the user option stays; gid 0.
            try await update(VolumeUpdate(resetting: ["diagnostics.brick-log-level"], gid: 0))
            #expect(try await logLevel() == "INFO")
            info = try await TestbedVolumeTests.volumeInfo(testbed, "tuned")
            #expect(info.option("diagnostics.brick-log-level") == nil)
            #expect(info.option("user.app") == "blue sky")
            #expect(try await brickModes() == ["755 0", "755 0", "755 0"])
            stored = try #require(try await store.topology(includingPending: false).volumes[volume.id])
            #expect(!stored.options.contains { $0.key == "diagnostics.brick-log-level" })
            #expect(stored.gid == 0)
            #expect(try await store.check().isEmpty)

            // A key gluster does not know fails the operation with gluster's words, not its guess at what was meant.
            let unknown = try await engine.updateVolume(volume.id, VolumeUpdate(resetting: ["no.such-option"]))
            await engine.wait(for: unknown)
            let refused = try await store.operation(unknown)
            #expect(refused?.status == .failed)
            #expect(
                refused?.result?.contains("Option no.such-option does not exist") == true, "\(refused?.result ?? "")")
        }
    }
}
