import HeketiAPI

extension APIBenchmark {
    /// What a run of volume creates measured.
    struct CreateRun: Sendable {
        var ids: [String]
        var latencies: [Duration]
        var throttled: Int
        var seconds: Double

        var perSecond: Double { Double(self.ids.count) / self.seconds }
    }

    /// 1 GiB replica-3 volumes, as a Heketi client asks for them.
    static let volumeRequest = VolumeCreateRequest(
        size: 1, durability: DurabilityMessage(type: "replicate", replicate: .init(replica: 3)))

    /// Scenarios 2 and 3: `count` creates shared among `clients` clients, each create followed to its 303 and one
    /// GET of the volume; prints creates/s and the latency from POST to 303.
    func createVolumes(
        count: Int, clients: Int, scenario: String, shape: TopologyShape, server: ServerProcess
    ) async throws -> CreateRun {
        let label = clients == 1 ? "sequential creates" : "concurrent creates (\(clients) clients)"
        let run = try await Self.create(
            count: count, clients: clients, baseURL: server.baseURL, prefersWait: self.prefersWait,
            progress: ProgressLog("\(shape.name): \(label)", total: count))
        try server.checkRunning()
        var line = JSONLine(scenario: scenario)
        shape.describe(&line)
        line.add("clients", clients)
        line.add("creates", count)
        line.add("seconds", run.seconds, digits: 3)
        line.add("createsPerSecond", run.perSecond, digits: 1)
        LatencySummary(run.latencies).add(to: &line)
        line.add("throttled", run.throttled)
        line.print()
        return run
    }

    /// Scenario 5: creates volumes (eight clients) until the server holds `target`, then reads its RSS; prints
    /// and returns it in MB.
    func fill(to target: Int, holding held: Int, shape: TopologyShape, server: ServerProcess) async throws -> Double {
        let missing = max(target - held, 0)
        var throttled = 0
        if missing > 0 {
            let run = try await Self.create(
                count: missing, clients: self.concurrentClients, baseURL: server.baseURL,
                prefersWait: self.prefersWait,
                progress: ProgressLog("\(shape.name): filling to \(target) volumes", total: missing))
            throttled = run.throttled
        }
        try server.checkRunning()
        // Read busy (right after the last create) and at rest: a moment after its last operation the server hands
        // freed heap pages back and lets go of the code pages it ran.
        let busy = try server.memory()
        try await Task.sleep(for: .milliseconds(500))
        let memory = try server.memory()
        let megabytes = Double(memory.resident) / 1_048_576
        var line = JSONLine(scenario: "api.rss")
        shape.describe(&line)
        line.add("volumes", held + missing)
        line.add("residentMB", megabytes, digits: 1)
        line.add("anonymousMB", Double(memory.anonymous) / 1_048_576, digits: 1)
        line.add("fileMB", Double(memory.file) / 1_048_576, digits: 1)
        line.add("busyResidentMB", Double(busy.resident) / 1_048_576, digits: 1)
        line.add("busyAnonymousMB", Double(busy.anonymous) / 1_048_576, digits: 1)
        line.add("throttled", throttled)
        line.print()
        return megabytes
    }

    /// `count` creates shared round-robin among `clients` workers, each with its own client.
    static func create(
        count: Int, clients: Int, baseURL: String, prefersWait: Bool, progress: ProgressLog
    ) async throws -> CreateRun {
        let clock = ContinuousClock()
        let start = clock.now
        var total = CreateRun(ids: [], latencies: [], throttled: 0, seconds: 0)
        try await withThrowingTaskGroup(of: CreateRun.self) { group in
            for worker in 0..<clients {
                group.addTask {
                    let client = HeketiLoadClient(baseURL: baseURL, prefersWait: prefersWait)
                    var run = CreateRun(ids: [], latencies: [], throttled: 0, seconds: 0)
                    for _ in stride(from: worker, to: count, by: clients) {
                        let (id, latency) = try await client.createVolume(Self.volumeRequest)
                        run.ids.append(id)
                        run.latencies.append(latency)
                        progress.tick()
                    }
                    run.throttled = client.throttled
                    return run
                }
            }
            for try await run in group {
                total.ids += run.ids
                total.latencies += run.latencies
                total.throttled += run.throttled
            }
        }
        total.seconds = (clock.now - start).seconds
        return total
    }
}
