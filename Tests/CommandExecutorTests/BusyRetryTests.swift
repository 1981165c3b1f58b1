import CommandExecutor
import Executor
import NodeTransport
import Planning
import StorageModel
import Synchronization
import Testing

/// glusterd refuses a command while another transaction holds its lock; the executor asks again after growing
/// waits, on the sleep it was given (here one that records and returns), and gives up after its last retry.
@Suite struct BusyRetryTests {
    static let busy = CommandResult(
        exitCode: 1, stdout: "",
        stderr: "volume start: vol_1: failed: Another transaction is in progress for vol_1. Please try again after some time.\n")

    @Test func aBusyRefusalIsRetriedAfterGrowingWaits() async throws {
        let (topology, volume) = CommandExecutorTests.topology()
        let refusals = Mutex(3)
        let transport = RecordingTransport { _, _ in
            refusals.withLock { left in
                defer { left -= 1 }
                return left > 0 ? Self.busy : CommandResult(exitCode: 0, stdout: "", stderr: "")
            }
        }
        let slept = Mutex<[Duration]>([])
        let executor = CommandExecutor(transport: transport, sleep: { duration in slept.withLock { $0.append(duration) } })
        #expect(try await executor.run(.startVolume(volume: volume.id), in: topology) == .completed)
        #expect(transport.recorded.count == 4)
        #expect(slept.withLock { $0 } == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test func aVolumeThatStaysBusyFailsAfterTheLastRetry() async throws {
        let (topology, volume) = CommandExecutorTests.topology()
        let transport = RecordingTransport { _, _ in Self.busy }
        let slept = Mutex<[Duration]>([])
        let executor = CommandExecutor(transport: transport, sleep: { duration in slept.withLock { $0.append(duration) } })
        await #expect(throws: (any Error).self) {
            _ = try await executor.run(.startVolume(volume: volume.id), in: topology)
        }
        #expect(slept.withLock { $0 } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(4)])
        #expect(transport.recorded.count == 6)
    }
}
