import NodeCommands
import StorageModel
import Testing

@Suite struct DeviceCommandsTests {
    @Test func setUpIsHeketisSequence() {
        let script = DeviceCommands.setUp(device: TestValues.device, path: "/dev/sdb", destroyData: false)
        #expect(
            script.text == """
                set -e
                pvcreate -qq --metadatasize=128M --dataalignment=256K /dev/sdb
                vgcreate -qq --physicalextentsize=4M --autobackup=n vg_dddddddddddddddddddddddddddddddd /dev/sdb

                """)
    }

    @Test func destroyingDataWipesFirst() {
        let settings = StorageToolSettings(
            dataAlignment: "1024K", physicalExtentSize: "32M", backupMetadata: true, lvmPrefix: ["/usr/sbin/lvm"])
        let script = DeviceCommands.setUp(
            device: TestValues.device, path: "/dev/disk/by-id/wwn 1", destroyData: true, settings: settings)
        #expect(
            script.steps == [
                .run(NodeCommand(["wipefs", "--all", "/dev/disk/by-id/wwn 1"])),
                .run(
                    NodeCommand([
                        "/usr/sbin/lvm", "pvcreate", "-qq", "--metadatasize=128M", "--dataalignment=1024K",
                        "/dev/disk/by-id/wwn 1",
                    ])),
                .run(
                    NodeCommand([
                        "/usr/sbin/lvm", "vgcreate", "-qq", "--physicalextentsize=32M", "--autobackup=y",
                        "vg_dddddddddddddddddddddddddddddddd", "/dev/disk/by-id/wwn 1",
                    ])),
            ])
    }

    @Test func reportAsksForBytes() {
        #expect(
            DeviceCommands.report(device: TestValues.device).argv == [
                "vgs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o",
                "vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count",
                "vg_dddddddddddddddddddddddddddddddd",
            ])
    }

    @Test func tearDownRemovesOnlyWhatExists() {
        let script = DeviceCommands.tearDown(device: TestValues.device, path: "/dev/sdb")
        #expect(
            script.text == """
                set -e
                if vgs vg_dddddddddddddddddddddddddddddddd >/dev/null 2>&1; then vgremove -qq vg_dddddddddddddddddddddddddddddddd; fi
                if pvs /dev/sdb >/dev/null 2>&1; then pvremove -qq /dev/sdb; fi
                if [ -d /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd ]; then rmdir /var/lib/heketi/mounts/vg_dddddddddddddddddddddddddddddddd; fi

                """)
    }
}
