import Foundation
import NodeCommands
import NodeTransport
import StorageModel
import Store
import Testing

extension TestbedVolumeTests {
    /// One layout from end to end on directory devices: the path the planner stores for each brick is the directory
    /// the node script made (`<device>/brick_<brick>`, with the `brick` Gluster serves inside), and the path Gluster
    /// reports for that brick of the volume, in set order, after a create and after an expansion.
    @Test(.timeLimit(.minutes(10)))
    func storedBrickPathsAreWhatTheNodesMadeAndGlusterServesOnRealGluster() async throws {
        let testbed = Testbed(name: "brick-paths")
        try await testbed.run {
            let workspace = try Testbed.Workspace(testbed, devicesPerNode: 2)
            let claim = workspace.documents + "/paths.yaml"
            for size in [1, 2] {
                try "kind: VolumeClaim\nname: paths\nsize: \(size)\n".write(
                    toFile: claim, atomically: true, encoding: .utf8)
                let applied = try await workspace.apply()
                #expect(applied.exitCode == 0, "size \(size): \(applied.stdout)\(applied.stderr)")

                let topology = try await SQLiteStore(path: workspace.database).topology(includingPending: true)
                let volume = try #require(topology.volumes.values.first { $0.name == "paths" })
                let bricks = volume.brickSets.joined().compactMap { topology.bricks[$0] }
                #expect(bricks.count == 3 * size)
                for brick in bricks {
                    let device = try #require(topology.devices[brick.device])
                    #expect(device.backend == .directory)
                    let made = "\(device.name)/brick_\(brick.id)"
                    #expect(brick.path == made + "/brick", "brick \(brick.id)")
                    #expect(
                        BrickLocation(recordedPath: brick.path, of: brick.id, on: device)
                            == .directory(.init(device: device.name, brick: brick.id)))
                    var isDirectory: ObjCBool = false
                    #expect(
                        FileManager.default.fileExists(atPath: brick.path, isDirectory: &isDirectory)
                            && isDirectory.boolValue)
                }
                // The node scripts made exactly the stored bricks' directories, on the devices the store names.
                for node in 1...Testbed.nodeCount {
                    for index in 1...2 {
                        let path = testbed.device(node, index)
                        let stored = bricks.filter { topology.devices[$0.device]?.name == path }.map {
                            "brick_\($0.id)"
                        }
                        #expect(Set(testbed.brickDirectories(path)) == Set(stored), "\(path), size \(size)")
                    }
                }

                // Gluster serves each brick at its stored path on its node's storage address, in set order.
                let info = try await Self.volumeInfo(testbed, "paths")
                let stored = bricks.map { "\(topology.nodes[$0.node]?.storageHostname ?? ""):\($0.path)" }
                #expect(info.bricks.map(\.address.argument) == stored, "size \(size)")
                for reported in info.bricks {
                    let location = BrickLocation(path: reported.address.path, mountRoot: BrickLocation.heketiMountRoot)
                    guard case .directory(let directory)? = location else {
                        Issue.record("\(reported.address.argument) does not read back as a directory brick")
                        continue
                    }
                    let brick = try #require(topology.bricks[directory.brick])
                    #expect(brick.path == reported.address.path)
                    #expect(topology.devices[brick.device]?.name == directory.device)
                }
            }
        }
    }
}
