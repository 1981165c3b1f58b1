import Foundation
import NodeCommands
import StorageModel
import Testing

@Suite struct BrickCommandsTests {
    static let spec = BrickSpec(
        location: TestValues.lvm, size: .gibibytes(10), thinPool: .gibibytes(10), poolMetadata: .mebibytes(52),
        gid: 2000)

    @Test func namesFollowHeketi() {
        let names = TestValues.lvm
        #expect(names.volumeGroup == "vg_dddddddddddddddddddddddddddddddd")
        #expect(names.thinPoolPath == "vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(names.logicalVolumePath == "vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(names.deviceNode == TestValues.deviceNode)
        #expect(names.mountPoint == TestValues.mountPoint)
        #expect(names.path == TestValues.mountPoint + "/brick")
    }

    @Test func createIsHeketisSequence() {
        let script = BrickCommands.create(Self.spec)
        #expect(
            script.text == """
                set -e
                mkdir -p /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                lvcreate -qq --autobackup=n --poolmetadatasize 53248K --chunksize 256K --size 10485760K --thin vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb --virtualsize 10485760K --name brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                mkfs.xfs -i size=512 -n size=8192 /dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                { flock 9; printf '%s\\n' '/dev/mapper/vg_dddddddddddddddddddddddddddddddd-brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb xfs rw,inode64,noatime,nouuid 1 2' >> /etc/fstab; } 9>>/etc/fstab
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
        let script = BrickCommands.destroy(TestValues.lvm)
        #expect(
            script.text == """
                set -e
                if mountpoint -q /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb >/dev/null 2>&1; then umount /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; fi
                if [ -e /etc/fstab ]; then ( flock 9; tmp=$(mktemp /etc/fstab.brickyard.XXXXXX); MP=/var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb awk '$1 ~ /^#/ || $2 != ENVIRON["MP"]' /etc/fstab > "$tmp" || { rm -f "$tmp"; exit 1; }; cat "$tmp" > /etc/fstab; rm -f "$tmp" ) 9>>/etc/fstab; fi
                brick_lv=$(lvs --noheadings --options=lv_name --select 'vg_name=vg_dddddddddddddddddddddddddddddddd&&lv_name=brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')
                if [ "$(printf '%s' "$brick_lv" | tr -d ' \\t\\n')" = brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb ]; then lvremove --autobackup=n -f vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; fi
                pool_users=$(lvs --noheadings --options=thin_count --select 'vg_name=vg_dddddddddddddddddddddddddddddddd&&lv_name=tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')
                if [ "$(printf '%s' "$pool_users" | tr -d ' \\t\\n')" = 0 ]; then lvremove --autobackup=n -f vg_dddddddddddddddddddddddddddddddd/tp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; fi
                if [ -d /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb ]; then rmdir /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd/brick_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; fi

                """)
        // Every step that changes something is guarded.
        for step in script.steps {
            switch step {
            case .when, .removeMountEntry, .capture: continue
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
        let removed = BrickCommands.destroy(TestValues.lvm, settings: settings)
            .steps.compactMap { step -> String? in
                if case .removeMountEntry(let mountPoint, "/etc/fstab.test") = step { return mountPoint }
                return nil
            }
        #expect(created.count == 1)
        // Destroy removes by mount point, the second field of the line create wrote.
        #expect(created.map { String($0.split(separator: " ")[1]) } == removed)
    }

    /// On a node where nothing of the brick exists (and LVM answers that nothing exists), destroy succeeds.
    @Test func destroyOfNothingSucceedsInTheShell() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try "# empty\n".write(toFile: directory.path + "/fstab", atomically: true, encoding: .utf8)
        let settings = StorageToolSettings(fstab: directory.path + "/fstab")
        let location = BrickLocation.LVM(
            device: TestValues.device, brick: TestValues.brick, mountRoot: directory.path + "/mounts")
        let mountPoint = location.mountPoint
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        // Stand-ins for LVM on a node without this brick: `lvs` selects nothing (exit 0, no output); `lvremove`
        // must not run.
        let bin = directory.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\nexit 0\n".write(toFile: bin + "/lvs", atomically: true, encoding: .utf8)
        try "#!/bin/sh\nexit 9\n".write(toFile: bin + "/lvremove", atomically: true, encoding: .utf8)
        for tool in ["lvs", "lvremove"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/" + tool)
        }

        let script = BrickCommands.destroy(location, settings: settings)
        let result = try Shell.run("PATH=\(bin):$PATH; export PATH\n" + script.text)
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: mountPoint))
        #expect(try Shell.run(script.text.replacingOccurrences(of: "set -e", with: "set -e; PATH=\(bin):$PATH")).status == 0)

        // LVM that cannot answer (a lock timeout, say) stops the script: the brick is not taken for gone.
        try "#!/bin/sh\necho 'lvs: lock timeout' >&2; exit 5\n".write(toFile: bin + "/lvs", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/lvs")
        #expect(try Shell.run("PATH=\(bin):$PATH; export PATH\n" + script.text).status == 5)
    }
}
