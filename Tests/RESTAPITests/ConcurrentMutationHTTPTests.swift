import Curl
import Executor
import Operations
import Foundation
import HTTPTypes
import HeketiAPI
import StorageModel
import TestSupport
import Testing

/// The mutations of one volume that used to interleave, sent over HTTP as clients send them: an expand racing a
/// delete, and parallel expands. One wins, the others are 409 "busy", and the store and the nodes agree after every
/// round (`GET /db/check` included).
@Suite struct ConcurrentMutationHTTPTests {
    static let replica3 = #""durability":{"type":"replicate","replicate":{"replica":3}}"#

    static func audit(_ server: TestServer) async throws -> [String] {
        await server.engine.waitUntilIdle()
        var problems = try await StoreAudit.problems(store: server.store, nodes: server.executor.mock.snapshot)
        let check = try server.admin.decode(DatabaseCheckResponse.self, try await server.admin.get("/db/check"))
        problems += check.problems
        return problems
    }

    @Test func anExpandRacingADeleteNeverLeavesAHalfDeletedVolume() async throws {
        try await TestServer.with(TestServer.Options(listens: true)) { server in
            let api = server.admin
            _ = try await api.makeCluster(nodes: 3, devicesPerNode: 2)
            for round in 0..<20 {
                let volume = try await api.createVolume(#"{"size":20,\#(Self.replica3)}"#)
                // Half the rounds hold the first operation at the gate, so the second always finds it running.
                let gated = round % 2 == 0
                if gated { server.executor.close() }
                async let expand = api.post("/volumes/\(volume)/expand", #"{"expand_size":10}"#)
                async let delete = api.delete("/volumes/\(volume)")
                let (expanded, deleted) = try await (expand, delete)
                let statuses = [expanded.status, deleted.status].sorted()
                if gated {
                    #expect(statuses == [202, 409], "round \(round): \(expanded.bodyText) \(deleted.bodyText)")
                    let refused = expanded.status == 409 ? expanded : deleted
                    #expect(refused.bodyText.hasPrefix("volume \(volume) is busy with operation "))
                }
                server.executor.open()
                for response in [expanded, deleted] where response.status == 202 {
                    _ = try await api.follow(response)
                }
                #expect(try await Self.audit(server) == [], "round \(round)")
                let info = try await api.get("/volumes/\(volume)")
                if info.status == 200 {
                    let size = try api.decode(VolumeInfoResponse.self, info).size
                    #expect(size == (expanded.status == 202 ? 30 : 20), "round \(round)")
                    #expect(try await api.perform("DELETE", "/volumes/\(volume)").status == 204)
                }
            }
            #expect(try await Self.audit(server) == [])
            #expect(try await api.fetch(VolumeListResponse.self, "/volumes").volumes.isEmpty)
        }
    }

    @Test func parallelExpandsGrowTheVolumeOncePerAcceptedRequest() async throws {
        try await TestServer.with(TestServer.Options(listens: true)) { server in
            let api = server.admin
            _ = try await api.makeCluster(nodes: 3, devicesPerNode: 2)
            for round in 0..<10 {
                let volume = try await api.createVolume(#"{"size":20,\#(Self.replica3)}"#)
                if round % 2 == 0 { server.executor.close() }
                let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                    for _ in 0..<4 {
                        group.addTask { try await api.post("/volumes/\(volume)/expand", #"{"expand_size":10}"#) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let accepted = responses.filter { $0.status == 202 }
                #expect(accepted.count + responses.filter { $0.status == 409 }.count == 4, "round \(round)")
                if round % 2 == 0 { #expect(accepted.count == 1, "round \(round)") }
                server.executor.open()
                for response in accepted { _ = try await api.follow(response) }
                let info = try await api.fetch(VolumeInfoResponse.self, "/volumes/\(volume)")
                #expect(info.size == 20 + 10 * Int64(accepted.count), "round \(round)")
                #expect(try await Self.audit(server) == [], "round \(round)")
                #expect(try await api.perform("DELETE", "/volumes/\(volume)").status == 204)
            }
        }
    }
}
