import Foundation
import NodeCommands
import StorageModel
import Testing

@Suite struct BrickCommandsTests {
    static let spec = BrickSpec(
        brick: TestValues.brick, device: TestValues.device, size: .gibibytes(10), thinPool: .gibibytes(10),
        poolMetadata: .mebibytes(52), gid: 2000)

    @Test func namesFollowHeketi() {
        let names = LVMBrickNames(device: TestValues.device, brick: TestValues.brick)
        #expect(names.volumeGroup == "vg_dddddddddddddddddddddddddddddddd")
        #expect(names.thinPoolPath == "vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(names.logicalVolumePath == "vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(names.deviceNode == TestValues.deviceNode)
        #expect(names.mountPoint == TestValues.mountPoint)
        #expect(names.brickPath == TestValues.mountPoint + "/brick")
    }

    @Test func createIsHeketisSequence() {
        let script = BrickCommands.create(Self.spec)
        #expect(
            script.text == """
                set -e
                mkdir -p /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                lvcreate -qq --autobackup=n --poolmetadatasize 53248K --chunksize 256K --size 10485760K --thin vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb --virtualsize 10485760K --name brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                mkfs.xfs -i size=512 -n size=8192 /dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                printf '%s\\n' '/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb xfs rw,inode64,noatime,nouuid 1 2' >> /etc/fstab
                mount -o rw,inode64,noatime,nouuid /dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                mkdir /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick
                chown :2000 /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick
                chmod 2775 /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/brick

                """)
    }

    @Test func createStepsComeInOrder() {
        let programs = BrickCommands.create(Self.spec).steps.map { step -> String in
            switch step {
            case .run(let command): return command.program
            case .appendLine(_, let file): return "append to \(file)"
            default: return "other"
            }
        }
        #expect(programs == ["mkdir", "lvcreate", "mkfs.xfs", "append to /etc/fstab", "mount", "mkdir", "chown", "chmod"])
    }

    @Test func noGroupMeansRootOnly() {
        for gid: Int64? in [nil, 0] {
            var spec = Self.spec
            spec.gid = gid
            let text = BrickCommands.create(spec).text
            #expect(!text.contains("chown"))
            #expect(!text.contains("chmod"))
        }
    }

    @Test func sizesRoundUpToWholeKibibytes() {
        var spec = Self.spec
        spec.size = ByteCount(bytes: 1025)
        #expect(BrickCommands.create(spec).text.contains("--virtualsize 2K "))
    }

    @Test func arbiterBricksGetDenseInodesAndTheFixedChunkSize() {
        var spec = Self.spec
        spec.role = .arbiter
        let settings = StorageToolSettings(chunkSize: "1M", xfsStripeUnit: 65536, xfsStripeWidth: 10)
        let steps = BrickCommands.create(spec, settings: settings).steps
        #expect(
            steps[2]
                == .run(
                    NodeCommand([
                        "mkfs.xfs", "-i", "maxpct=100", "-n", "size=8192",
                        "/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                    ])))
        #expect(BrickCommands.create(spec, settings: settings).text.contains("--chunksize 256K "))
    }

    @Test func stripeGeometryAndSettingsApplyToDataBricks() {
        let settings = StorageToolSettings(
            fstab: "/var/lib/heketi/fstab", chunkSize: "1M", backupMetadata: true, xfsStripeUnit: 65536,
            xfsStripeWidth: 10, lvmPrefix: ["/usr/sbin/exec-on-host", "lvm"])
        let steps = BrickCommands.create(Self.spec, settings: settings).steps
        #expect(
            steps[1]
                == .run(
                    NodeCommand([
                        "/usr/sbin/exec-on-host", "lvm", "lvcreate", "-qq", "--autobackup=y", "--poolmetadatasize",
                        "53248K", "--chunksize", "1M", "--size", "10485760K", "--thin",
                        "vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "--virtualsize",
                        "10485760K", "--name", "brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                    ])))
        #expect(
            steps[2]
                == .run(
                    NodeCommand([
                        "mkfs.xfs", "-i", "size=512", "-d", "su=65536,sw=10", "-n", "size=8192",
                        "/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                    ])))
        guard case .appendLine(_, let file) = steps[3] else {
            Issue.record("the fourth step writes fstab")
            return
        }
        #expect(file == "/var/lib/heketi/fstab")
    }

    @Test func destroyToleratesWorkThatNeverHappened() {
        let script = BrickCommands.destroy(brick: TestValues.brick, device: TestValues.device)
        #expect(
            script.text == """
                set -e
                if mountpoint -q /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb >/dev/null 2>&1; then umount /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; fi
                if grep -q -x -F -e '/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb xfs rw,inode64,noatime,nouuid 1 2' -- /etc/fstab; then { grep -v -x -F -e '/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb xfs rw,inode64,noatime,nouuid 1 2' -- /etc/fstab > /etc/fstab.brickyard-tmp || [ $? -eq 1 ]; }; cat /etc/fstab.brickyard-tmp > /etc/fstab; rm -f /etc/fstab.brickyard-tmp; fi
                if lvs vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb >/dev/null 2>&1; then lvremove --autobackup=n -f vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; fi
                if [ "$(lvs --noheadings --options=thin_count vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 2>/dev/null | tr -d ' \\t')" = 0 ]; then lvremove --autobackup=n -f vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; fi
                if [ -d /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb ]; then rmdir /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; fi

                """)
        // Every step that changes something is guarded.
        for step in script.steps {
            switch step {
            case .when, .removeLine: continue
            default: Issue.record("unguarded step \(step)")
            }
        }
    }

    @Test func destroyRemovesTheLineCreateWrote() {
        let settings = StorageToolSettings(fstab: "/etc/fstab.test")
        let created = BrickCommands.create(Self.spec, settings: settings).steps.compactMap { step -> String? in
            if case .appendLine(let line, "/etc/fstab.test") = step { return line }
            return nil
        }
        let removed = BrickCommands.destroy(brick: TestValues.brick, device: TestValues.device, settings: settings)
            .steps.compactMap { step -> String? in
                if case .removeLine(let line, "/etc/fstab.test") = step { return line }
                return nil
            }
        #expect(created.count == 1)
        #expect(created == removed)
    }

    /// On a node where nothing of the brick exists (and LVM answers that nothing exists), destroy succeeds.
    @Test func destroyOfNothingSucceedsInTheShell() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try "# empty\n".write(toFile: directory.path + "/fstab", atomically: true, encoding: .utf8)
        let settings = StorageToolSettings(fstab: directory.path + "/fstab", mountRoot: directory.path + "/mounts")
        let mountPoint = LVMBrickNames(device: TestValues.device, brick: TestValues.brick, mountRoot: settings.mountRoot)
            .mountPoint
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        // Stand-ins for LVM on a node without this brick: `lvs` finds nothing.
        let bin = directory.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\nexit 5\n".write(toFile: bin + "/lvs", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/lvs")

        let script = BrickCommands.destroy(brick: TestValues.brick, device: TestValues.device, settings: settings)
        let result = try Shell.run("PATH=\(bin):$PATH; export PATH\n" + script.text)
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: mountPoint))
        #expect(try Shell.run(script.text.replacingOccurrences(of: "set -e", with: "set -e; PATH=\(bin):$PATH")).status == 0)
    }
}
