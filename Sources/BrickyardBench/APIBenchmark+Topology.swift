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
        let throttled = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    let client = HeketiLoadClient(baseURL: baseURL)
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
                    return client.throttled
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = (clock.now - start).seconds
        try server.checkRunning()
        var line = JSONLine(scenario: "api.setup")
        shape.describe(&line)
        line.add("workers", workers)
        line.add("seconds", elapsed, digits: 2)
        line.add("nodesPerSecond", Double(shape.nodes) / elapsed, digits: 1)
        line.add("devicesPerSecond", Double(shape.devices) / elapsed, digits: 1)
        line.add("throttled", throttled)
        line.add("residentMB", Double(try server.residentBytes()) / 1_048_576, digits: 1)
        line.print()
    }
}
