import Curl
import Executor
import HTTPTypes
import HeketiAPI
import StorageModel
import TestSupport
import Testing

/// Many clients creating volumes at once on a cluster too small for all of them: each create either succeeds or is
/// refused, and no device is ever promised more than it has.
@Suite struct ConcurrentCreateTests {
    enum Outcome: Equatable {
        case created(String)
        case refusedNoSpace
        case failed(Int, String)
    }

    @Test func fiftyConcurrentCreatesNeverOverCommit() async throws {
        let options = TestServer.Options(deviceSize: .gibibytes(24), maxInflightOperations: 64)
        try await TestServer.with(options) { server in
            let api = server.admin
            let layout = try await api.makeCluster(nodes: 3, devicesPerNode: 1)
            let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let body =
                            #"{"size":\#(1 + index % 3),"durability":{"type":"replicate","replicate":{"replica":3}}}"#
                        let response = try await api.post("/volumes", body)
                        if response.status == 500,
                            response.bodyText.hasPrefix("Failed to allocate new volume: No space")
                        {
                            return .refusedNoSpace
                        }
                        guard response.status == 202 else { return .failed(response.status, response.bodyText) }
                        let ended = try await api.follow(response)
                        guard ended.status == 303 else { return .failed(ended.status, ended.bodyText) }
                        return .created(try APIClient.id(from: ended, under: "/volumes/"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let created = outcomes.compactMap { if case .created(let id) = $0 { id } else { nil } }
            let refused = outcomes.filter { $0 == .refusedNoSpace }.count
            let failed = outcomes.filter { if case .failed = $0 { true } else { false } }
            #expect(outcomes.count == 50)
            #expect(failed.isEmpty, "\(failed)")
            #expect(created.count + refused == 50)
            #expect(created.count >= 5, "some fit: \(created.count)")
            #expect(refused >= 5, "some do not: \(refused)")

            let listed = try await api.fetch(VolumeListResponse.self, "/volumes").volumes
            #expect(Set(listed) == Set(created))
            #expect(listed.count == created.count)

            var brickCount = 0
            for device in layout.devices {
                let info = try await api.fetch(DeviceInfoResponse.self, "/devices/\(device)")
                #expect(info.storage.used <= info.storage.total, "device \(device) over-committed")
                #expect(info.storage.used + info.storage.free == info.storage.total)
                #expect(info.storage.used >= info.bricks.reduce(0) { $0 + $1.size })
                brickCount += info.bricks.count
            }
            // Replica 3 on three devices: every created volume has exactly one brick on each.
            #expect(brickCount == 3 * created.count)
            let nodes = server.executor.mock.snapshot
            #expect(nodes.bricks.count == brickCount, "no brick leaked on the nodes")
            #expect(nodes.volumes.count == created.count)
            #expect(try await api.get("/operations/pending").bodyText == #"{"pendingoperations":[]}"# + "\n")
        }
    }
}
