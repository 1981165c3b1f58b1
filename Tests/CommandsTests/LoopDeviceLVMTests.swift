import TestSupport
import CommandExecutor
import Planning
import Executor
import Foundation
import NodeTransport
import StorageModel
import Testing

enum LoopDevice {
    /// Why loop devices and LVM cannot be used here, or nil.
    static var unavailableReason: String? {
        if getuid() != 0 { return "needs root (loop devices, LVM)" }
        for path in ["/dev/loop-control", "/sbin/pvcreate", "/sbin/losetup"] where !FileManager.default.fileExists(atPath: path) {
            return "needs \(path)"
        }
        return nil
    }
}

/// Device set-up and tear-down with the real LVM tools on a real loop device (`pvcreate`, `vgcreate` and the
/// `vgs` report work without device-mapper; creating LVs does not, so brick LVM steps are golden transcripts).
@Suite(.serialized, .enabled(if: LoopDevice.unavailableReason == nil, "\(LoopDevice.unavailableReason ?? "")"))
struct LoopDeviceLVMTests {
    @Test(.timeLimit(.minutes(2)))
    func aLoopDeviceBecomesAVolumeGroupAndIsTornDownWithoutATrace() async throws {
        let directory = try TemporaryDirectory()
        let image = directory.path("disk.img")
        let local = LocalTransport(baseEnvironment: ProcessInfo.processInfo.environment)
        func run(_ argv: [String]) async throws -> CommandResult {
            try await local.run(argv, on: "localhost", timeout: .seconds(60))
        }
        _ = try await run(["truncate", "-s", "2G", image])
        let attach = try await run(["losetup", "--find", "--show", image])
        #expect(attach.exitCode == 0, "\(attach.stderr)")
        let loop = attach.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        defer {
            // Detach whatever happens; synchronous, at the very end of the test.
            _ = try? Process.run(URL(fileURLWithPath: "/sbin/losetup"), arguments: ["-d", loop]).waitUntilExit()
        }

        var topology = Topology()
        let cluster = ClusterID(high: 1, low: 1)
        let node = NodeID(high: 2, low: 1)
        let device = DeviceID(high: 3, low: 1)
        topology.insert(Cluster(id: cluster))
        topology.insert(Node(id: node, cluster: cluster, zone: 1, manageHostname: "localhost", storageHostname: "127.0.0.1"))
        topology.insert(Device(id: device, node: node, name: loop, total: .zero))
        let executor = CommandExecutor(transport: local)

        let outcome = try await executor.run(.setUpDevice(device: device, destroyData: true), in: topology)
        guard case .device(let report) = outcome else {
            Issue.record("expected a device report, got \(outcome)")
            return
        }
        #expect(report.backend == .lvm)
        #expect(report.sizeEnforced)
        // 2 GiB minus the 128 MiB metadata area and alignment, in whole 4 MiB extents.
        #expect(report.size > .gibibytes(1) + .mebibytes(800) && report.size < .gibibytes(2))
        #expect(report.size.bytes % (4 << 20) == 0)
        let groups = try await run(["vgs", "--noheadings", "-o", "vg_name", "vg_\(device)"])
        #expect(groups.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "vg_\(device)")

        let resynced = try await executor.run(.resyncDevice(device: device), in: topology)
        #expect(resynced == outcome)

        _ = try await executor.run(.tearDownDevice(device: device), in: topology)
        #expect(try await run(["vgs", "vg_\(device)"]).exitCode != 0)
        #expect(try await run(["pvs", loop]).exitCode != 0)
        // Tearing down again finds nothing to remove and succeeds (undo after a crash).
        _ = try await executor.run(.tearDownDevice(device: device), in: topology)
    }
}
