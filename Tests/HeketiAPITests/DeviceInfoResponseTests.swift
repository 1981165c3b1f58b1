import HeketiAPI
import StorageModel
import Testing

@Suite struct DeviceInfoResponseTests {
    typealias F = TopologyFixture

    @Test func deviceWithBricksEncodesExactly() throws {
        let brick = { (id: UInt64, volume: VolumeID, size: Int) in
            #"{"device":"\#(F.d11)","id":"\#(F.brickID(id))","node":"\#(F.n1)","path":"/bricks/\#(String(id, radix: 16))/brick","size":\#(size),"volume":"\#(volume)"}"#
        }
        // total 100 GiB + 512 B; used 21 GiB + 128 MiB of reservations; free the difference, each in whole KiB.
        let expected = """
            {"backend":"lvm","bricks":[\(brick(0xb11, F.replica3, 10_485_760)),\(brick(0xb21, F.arbiter, 5_242_880)),\
            \(brick(0xb31, F.disperse, 4_194_304))],\
            "id":"\(F.d11)","name":"/dev/sdb","size_enforced":true,"state":"online",\
            "storage":{"free":82706432,"total":104857600,"used":22151168},"tags":{"disk":"ssd"}}
            """
        let info = try #require(DeviceInfoResponse(device: F.d11, in: F.topology))
        #expect(try jsonText(info) == expected)
    }

    @Test func emptyFailedDeviceOmitsTags() throws {
        let info = try #require(DeviceInfoResponse(device: F.d12, in: F.topology))
        #expect(info.state == "failed")
        #expect(info.bricks.isEmpty)
        #expect(info.storage == StorageMessage(total: 52_428_800, free: 52_428_800, used: 0))
        #expect(info.tags == nil)
        #expect(try !jsonText(info).contains(#""tags""#))
    }

    @Test func storageRoundsEachFigureDownToKiB() {
        let device = Device(
            id: F.d11, node: F.n1, name: "/dev/sdz", total: ByteCount(bytes: 10 * 1024 + 1023),
            used: ByteCount(bytes: 2 * 1024 + 1000))
        // Free is 8 KiB + 23 B: rounding it on its own never reports space that is not there.
        #expect(StorageMessage(device: device) == StorageMessage(total: 10, free: 8, used: 2))
    }

    @Test func unknownDeviceIsNil() {
        #expect(DeviceInfoResponse(device: DeviceID(high: 1, low: 1), in: F.topology) == nil)
    }
}
