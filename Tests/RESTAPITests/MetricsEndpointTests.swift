import Curl
import HTTPTypes
import Testing

/// `GET /metrics`: Heketi's gauges from the topology, and Brickyard's request and operation counters.
@Suite struct MetricsEndpointTests {
    @Test func exposesHeketiGaugesAndBrickyardCounters() async throws {
        try await TestServer.with(TestServer.Options(listens: true)) { server in
            let api = server.admin
            let layout = try await api.makeCluster()
            let empty = try await api.createCluster()
            for _ in 0..<2 { _ = try await api.createVolume(StatusCodeTests.replica3) }
            _ = try await api.get("/volumes/0123456789abcdef0123456789abcdef")

            let response = try await server.client(.anonymous).get("/metrics")
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = Set(response.bodyText.split(separator: "\n").map(String.init))
            func has(_ line: String) -> Bool { lines.contains(line) }
            #expect(has("heketi_up 1"))
            #expect(has("heketi_cluster_count 2"))
            #expect(has(#"heketi_volumes_count{cluster="\#(layout.cluster)"} 2"#))
            #expect(has(#"heketi_volumes_count{cluster="\#(empty)"} 0"#))
            #expect(has(#"heketi_nodes_count{cluster="\#(layout.cluster)"} 3"#))
            #expect(has(#"heketi_device_count{cluster="\#(layout.cluster)",hostname="node0.example"} 1"#))
            #expect(
                has(
                    #"heketi_device_brick_count{cluster="\#(layout.cluster)",device="/dev/sdb",hostname="node1.example"} 2"#
                ))

            let requests = Self.value(
                in: lines, prefix: "brickyard_http_request_duration_seconds_count{",
                containing: [
                    #"method="POST""#, #"route="/volumes""#, #"status="202""#,
                ])
            #expect(requests == 2)
            let notFound = Self.value(
                in: lines, prefix: "brickyard_http_request_duration_seconds_count{",
                containing: [
                    #"method="GET""#, #"route="/volumes/{id}""#, #"status="404""#,
                ])
            #expect(notFound == 1)
            let operations = lines.filter { $0.hasPrefix("brickyard_operations_total{") }
            #expect(has(#"brickyard_operations_total{type="volume.create",result="succeeded"} 2"#), "\(operations)")
            #expect(has(#"brickyard_operations_total{type="node.add",result="succeeded"} 3"#), "\(operations)")
            #expect(has(#"brickyard_operations_total{type="device.add",result="succeeded"} 3"#), "\(operations)")
        }
    }

    /// The value of the one sample line starting with `prefix` whose labels include all of `labels`.
    private static func value(in lines: Set<String>, prefix: String, containing labels: [String]) -> Double? {
        let matches = lines.filter { line in line.hasPrefix(prefix) && labels.allSatisfy { line.contains($0) } }
        guard matches.count == 1, let line = matches.first, let number = line.split(separator: " ").last else {
            return nil
        }
        return Double(number)
    }
}
