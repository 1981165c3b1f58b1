import HeketiAPI

extension APIBenchmark {
    /// Scenario 1: one cluster, then the shape's nodes and their devices through `POST /nodes` and
    /// `POST /devices`, each followed to completion, by a few concurrent workers. Timed, not measured strictly.
    func setUp(_ shape: TopologyShape, on server: ServerProcess) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let baseURL = server.baseURL
        let cluster = try await HeketiLoadClient(baseURL: baseURL).createCluster()
        let progress = ProgressLog(
            "\(shape.name): nodes added", total: shape.nodes, every: shape.nodes >= 100 ? 50 : 10)
        let workers = self.setUpWorkers
        let prefersWait = self.prefersWait
        let counts = try await withThrowingTaskGroup(of: (throttled: Int, polls: Int).self) { group in
            for worker in 0..<workers {
                group.addTask {
                    let client = HeketiLoadClient(baseURL: baseURL, prefersWait: prefersWait)
                    for index in stride(from: worker, to: shape.nodes, by: workers) {
                        let hostname = shape.hostname(ofNode: index)
                        let node = try await client.addNode(
                            NodeAddRequest(
                                zone: shape.zone(ofNode: index),
                                hostnames: HostnamesMessage(manage: [hostname], storage: [hostname]), cluster: cluster))
                        for device in 0..<shape.devicesPerNode {
                            try await client.addDevice(DeviceAddRequest(node: node, name: shape.deviceName(device)))
                        }
                        progress.tick()
                    }
                    return (client.throttled, client.polls)
                }
            }
            return try await group.reduce(into: (throttled: 0, polls: 0)) { total, client in
                total.throttled += client.throttled
                total.polls += client.polls
            }
        }
        let elapsed = (clock.now - start).seconds
        try server.checkRunning()
        let operations = shape.nodes + shape.devices
        var line = JSONLine(scenario: "api.setup")
        shape.describe(&line)
        line.add("workers", workers)
        line.add("preferWait", prefersWait ? "yes" : "no")
        line.add("seconds", elapsed, digits: 2)
        line.add("nodesPerSecond", Double(shape.nodes) / elapsed, digits: 1)
        line.add("devicesPerSecond", Double(shape.devices) / elapsed, digits: 1)
        line.add("throttled", counts.throttled)
        line.add("pollsPerOperation", Double(counts.polls) / Double(operations), digits: 2)
        // How long the server itself took per operation (from acceptance to its end), against what the clients saw.
        if let text = try await HeketiLoadClient(baseURL: baseURL).metrics(),
            let mean = Self.meanOperationSeconds(in: text)
        {
            line.add("serverOperationMs", mean * 1000, digits: 2)
        }
        line.add("clientOperationMs", elapsed * 1000 * Double(workers) / Double(operations), digits: 2)
        line.add("residentMB", Double(try server.residentBytes()) / 1_048_576, digits: 1)
        line.print()
    }

    /// The mean of `brickyard_operation_duration_seconds` over every operation type, from the metrics text.
    static func meanOperationSeconds(in metrics: String) -> Double? {
        var sum = 0.0
        var count = 0.0
        for line in metrics.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let value = Double(fields[1]) else { continue }
            if fields[0].hasPrefix("brickyard_operation_duration_seconds_sum") { sum += value }
            if fields[0].hasPrefix("brickyard_operation_duration_seconds_count") { count += value }
        }
        return count > 0 ? sum / count : nil
    }
}
