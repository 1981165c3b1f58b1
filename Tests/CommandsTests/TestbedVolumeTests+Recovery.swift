import Foundation
import NodeTransport
import StorageModel
import Store
import StoreRecords
import Testing

extension TestbedVolumeTests {
    /// Directory devices holding several volumes (replica 3, an arbiter volume, one expanded) come back from
    /// `brickyard recover` exactly as set-up and the volumes recorded them: each device as large as its filesystem,
    /// using what its bricks reserve. `status` then reports every device Ready, and one the store believes larger
    /// than its filesystem Degraded.
    @Test(.timeLimit(.minutes(10)))
    func recoveredDirectoryDevicesKeepTheirSizesOnRealGluster() async throws {
        let testbed = Testbed(name: "recover-sizes")
        try await testbed.run {
            let workspace = try Testbed.Workspace(testbed, devicesPerNode: 2)
            let (database, config, documents) = (workspace.database, workspace.config, workspace.documents)
            let claims = [
                ("one", "size: 1\n"), ("two", "size: 2\n"), ("three", "size: 3\n"), ("arbiter", "size: 2\narbiter: true\n"),
                ("grown", "size: 1\n"),
            ]
            for (name, body) in claims {
                try "kind: VolumeClaim\nname: \(name)\n\(body)".write(
                    toFile: "\(documents)/\(name).yaml", atomically: true, encoding: .utf8)
            }
            let brickyard = try ServerProcess.executable().path
            func run(_ arguments: [String], documents: Bool = true) async throws -> CommandResult {
                try await ProcessRunner.run(
                    [brickyard] + arguments + (documents ? ["--desired", workspace.documents] : []) + ["--config", config],
                    timeout: .seconds(300))
            }
            let applied = try await run(["apply"])
            #expect(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
            try "kind: VolumeClaim\nname: grown\nsize: 2\n".write(
                toFile: "\(documents)/grown.yaml", atomically: true, encoding: .utf8)
            let grown = try await run(["apply"])
            #expect(grown.exitCode == 0, "\(grown.stdout)\(grown.stderr)")

            // Set-up recorded each device as its whole filesystem.
            let before = try await SQLiteStore(path: database).topology(includingPending: true)
            let recorded = Self.deviceSpace(before)
            #expect(recorded.count == 6)
            for node in 1...Testbed.nodeCount {
                for device in 1...2 {
                    let path = testbed.device(node, device)
                    let stat = try await testbed.shell(["stat", "-f", "-L", "-c", "%S %b", path])
                    let fields = stat.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int64($0) }
                    #expect(fields.count == 2)
                    let size = (fields.first ?? 0) * (fields.last ?? 0)
                    #expect(recorded["\(testbed.host(node)):\(path)"]?.total == size, "\(path)")
                }
            }
            #expect(recorded.values.contains { $0.used > 0 })
            let ready = try await run(["status"], documents: false)
            #expect(ready.exitCode == 0, "\(ready.stdout)\(ready.stderr)")

            // Lose the database and recover it: every device's size and used space exactly as before.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            let recovered = try await run(["recover"])
            #expect(recovered.exitCode == 0, "\(recovered.stdout)\(recovered.stderr)")
            #expect(recovered.stdout.contains("1 cluster, 3 nodes, 6 devices, 5 volumes, 18 bricks"), "\(recovered.stdout)")
            let after = try await SQLiteStore(path: database).topology(includingPending: true)
            let recoveredSpace = Self.deviceSpace(after)
            for key in recorded.keys.sorted() {
                print("testbed: \(key) before \(recorded[key]!) after \(recoveredSpace[key].map { "\($0)" } ?? "missing")")
            }
            #expect(recoveredSpace == recorded)
            #expect(Self.volumeSummary(after) == Self.volumeSummary(before))
            let status = try await run(["status"], documents: false)
            #expect(status.exitCode == 0, "\(status.stdout)\(status.stderr)")
            let replanned = try await run(["plan"])
            #expect(replanned.exitCode == 0, "\(replanned.stdout)\(replanned.stderr)")

            // A device the store believes larger than its filesystem is Degraded, with why.
            let store = try SQLiteStore(path: database)
            var device = try #require(after.devices.values.min { $0.name < $1.name })
            let host = after.nodes[device.node]?.manageHostname ?? ""
            let filesystem = device.total
            device.total = filesystem + filesystem
            try await store.commit([.updateDevice(device)])
            let degraded = try await run(["status", "--output", "json"], documents: false)
            #expect(degraded.exitCode == 2, "\(degraded.stdout)\(degraded.stderr)")
            let objects = try #require(
                (try JSONSerialization.jsonObject(with: Data(degraded.stdout.utf8)) as? [String: Any])?["objects"]
                    as? [[String: Any]])
            let unready = objects.filter { $0["phase"] as? String != "Ready" }
            #expect(unready.count == 1, "\(unready)")
            #expect(unready.first?["name"] as? String == "\(host):\(device.name)")
            #expect(unready.first?["phase"] as? String == "Degraded")
            #expect(unready.first?["reason"] as? String == "SizeOverstated")
            let message = unready.first?["message"] as? String ?? ""
            #expect(
                message.hasPrefix("the store records \(device.total) (\(device.total.bytes) bytes), the filesystem holds \(filesystem) (\(filesystem.bytes) bytes)"),
                "\(message)")
        }
    }

    /// Each device's size and what its bricks reserve, in bytes, by `host:path`.
    static func deviceSpace(_ topology: Topology) -> [String: DeviceSpace] {
        Dictionary(
            uniqueKeysWithValues: topology.devices.values.map { device in
                ("\(topology.nodes[device.node]?.manageHostname ?? ""):\(device.name)",
                 DeviceSpace(total: device.total.bytes, used: device.used.bytes))
            })
    }

    struct DeviceSpace: Hashable, CustomStringConvertible {
        var total: Int64
        var used: Int64
        var description: String { "total \(self.total) used \(self.used)" }
    }
}
