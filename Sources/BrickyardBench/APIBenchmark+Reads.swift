import StorageModel

extension APIBenchmark {
    /// Scenario 4: `GET /volumes/{id}` of random existing volumes by a few workers, each on its own keep-alive
    /// connection, for a fixed time; prints and returns requests/s.
    func readVolumes(_ ids: [String], shape: TopologyShape, server: ServerProcess) async throws -> Double {
        let baseURL = server.baseURL
        let duration = self.readDuration
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + duration
        var latencies: [Duration] = []
        try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<self.readWorkers {
                group.addTask {
                    let client = HeketiLoadClient(baseURL: baseURL)
                    var generator = SeededGenerator(seed: UInt64(worker + 1))
                    var samples: [Duration] = []
                    while clock.now < deadline {
                        let id = ids[Int(generator.next() % UInt64(ids.count))]
                        let sent = clock.now
                        try await client.getVolume(id)
                        samples.append(clock.now - sent)
                    }
                    return samples
                }
            }
            for try await samples in group { latencies += samples }
        }
        let elapsed = (clock.now - start).seconds
        try server.checkRunning()
        let perSecond = Double(latencies.count) / elapsed
        var line = JSONLine(scenario: "api.volumeGets")
        shape.describe(&line)
        line.add("workers", self.readWorkers)
        line.add("volumes", ids.count)
        line.add("requests", latencies.count)
        line.add("seconds", elapsed, digits: 3)
        line.add("requestsPerSecond", perSecond, digits: 0)
        LatencySummary(latencies).add(to: &line)
        line.print()
        return perSecond
    }
}
