import Foundation
import NodeCommands
import StorageModel
import Testing

@Suite struct LVMReportTests {
    @Test func commandsAskForBytesInJSON() {
        #expect(
            LVMReport.physicalVolumes(["/dev/sdb"]).rendered
                == "pvs --reportformat json --units b --nosuffix -o pv_name,vg_name,pv_size,pv_free /dev/sdb")
        #expect(
            LVMReport.volumeGroups().rendered
                == "vgs --reportformat json --units b --nosuffix -o vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count")
        #expect(
            LVMReport.logicalVolumes(["vg_x"], settings: StorageToolSettings(lvmPrefix: ["lvm"])).rendered
                == "lvm lvs --reportformat json --units b --nosuffix -o lv_name,vg_name,lv_size,pool_lv,lv_attr,thin_count,data_percent,metadata_percent vg_x")
    }

    @Test func readsTheRecordedVolumeGroup() throws {
        let groups = try LVMReport.volumeGroups(from: try Fixtures.data("lvm/vgs.json"))
        let group = try #require(groups.first)
        #expect(groups.count == 1)
        #expect(group.name == "vg_0f1e2d3c4b5a69788796a5b4c3d2e1f0")
        #expect(group.extentSize == .mebibytes(4))
        #expect(group.totalSize == group.extentSize * group.extentCount)
        #expect(group.size == group.totalSize)
        #expect(group.freeSize == group.free)
        // A 2 GiB device less the 128 MiB of metadata Heketi's pvcreate asks for.
        #expect(group.totalSize <= .gibibytes(2) - .mebibytes(128))
        #expect(group.totalSize > .gibibytes(1))
    }

    @Test func readsTheRecordedPhysicalVolume() throws {
        let volumes = try LVMReport.physicalVolumes(from: try Fixtures.data("lvm/pvs.json"))
        let volume = try #require(volumes.first)
        #expect(volume.name.hasPrefix("/dev/loop"))
        #expect(volume.volumeGroup == "vg_0f1e2d3c4b5a69788796a5b4c3d2e1f0")
        #expect(volume.free <= volume.size)
    }

    @Test func readsAnEmptyLogicalVolumeList() throws {
        #expect(try LVMReport.logicalVolumes(from: try Fixtures.data("lvm/lvs-empty.json")).isEmpty)
    }

    @Test func readsThinPoolsAndBricks() throws {
        let json = """
              {
                  "report": [
                      {
                          "lv": [
                              {"lv_name":"brick_b", "vg_name":"vg_d", "lv_size":"10737418240", "pool_lv":"tp_b", "lv_attr":"Vwi-aotz--", "thin_count":"", "data_percent":"0.07", "metadata_percent":""},
                              {"lv_name":"tp_b", "vg_name":"vg_d", "lv_size":"10737418240", "pool_lv":"", "lv_attr":"twi-aotz--", "thin_count":"1", "data_percent":"0.07", "metadata_percent":"10.43"}
                          ]
                      }
                  ]
              }
            """
        let volumes = try LVMReport.logicalVolumes(from: Data(json.utf8))
        #expect(
            volumes == [
                LogicalVolumeRow(
                    name: "brick_b", volumeGroup: "vg_d", size: .gibibytes(10), pool: "tp_b", attributes: "Vwi-aotz--",
                    thinCount: nil, dataPercent: 0.07, metadataPercent: nil),
                LogicalVolumeRow(
                    name: "tp_b", volumeGroup: "vg_d", size: .gibibytes(10), pool: "", attributes: "twi-aotz--",
                    thinCount: 1, dataPercent: 0.07, metadataPercent: 10.43),
            ])
        #expect(volumes.map(\.isThinPool) == [false, true])
    }

    @Test func acceptsNumbersAndSuffixes() throws {
        let json = """
            {"report":[{"vg":[{"vg_name":"vg_a","vg_size":4194304,"vg_free":"4194304B","vg_extent_size":"4194304",
            "vg_extent_count":"1","vg_free_count":1}]}],"log":[]}
            """
        let group = try #require(try LVMReport.volumeGroups(from: Data(json.utf8)).first)
        #expect(group.size == .mebibytes(4))
        #expect(group.free == .mebibytes(4))
        #expect(group.freeSize == .mebibytes(4))
    }

    @Test(arguments: [
        "", "  Volume group \"vg_doesnotexist\" not found\n", "[]", "{}", "{\"report\": {}}", "{\"report\": [1]}",
        "{\"report\": [{\"vg\": {}}]}", "{\"report\": [{\"vg\": [1]}]}", "{\"report\": [{\"vg\": [{\"vg_name\": \"a\"}]}]}",
        "{\"report\": [{\"vg\": [{\"vg_name\": \"a\", \"vg_size\": \"-1\", \"vg_free\": \"0\", \"vg_extent_size\": \"1\", \"vg_extent_count\": \"1\", \"vg_free_count\": \"1\"}]}]}",
        "{\"report\": [{\"vg\": [{\"vg_name\": \"a\", \"vg_size\": \"1.5g\", \"vg_free\": \"0\", \"vg_extent_size\": \"1\", \"vg_extent_count\": \"1\", \"vg_free_count\": \"1\"}]}]}",
    ])
    func refusesGarbage(text: String) {
        #expect(throws: NodeOutputError.self) { try LVMReport.volumeGroups(from: Data(text.utf8)) }
    }

    @Test func theMissingGroupMessageIsNotJSON() throws {
        let text = try Fixtures.data("lvm/vgs-nonexistent.txt")
        #expect(throws: NodeOutputError.self) { try LVMReport.volumeGroups(from: text) }
    }
}
