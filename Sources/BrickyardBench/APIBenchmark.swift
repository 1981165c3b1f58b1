import Foundation

/// The REST load driver: starts `brickyard serve` with the mock executor, builds a topology through the API,
/// and measures volume creates (one client, then eight), volume GETs on keep-alive connections and the server's
/// RSS, at a small and a large topology; finishes with the large/small ratios. `--shape` runs one topology instead,
/// and `--setup-only` times only its set-up.
struct APIBenchmark {
    var quick = false
    var serverPath = Self.defaultServerPath()
    /// Volume creates in each of the sequential and the concurrent scenario.
    var creates = 300
    /// How many volumes the server holds when its RSS is read.
    var heldVolumes = 1_000
    var readDuration: Duration = .seconds(3)
    var setUpWorkers = 4
    var concurrentClients = 8
    var readWorkers = 4
    /// The topologies to run, each on a fresh server: small then large, or the one `--shape` names.
    var shapes: [TopologyShape] = [.small, .large]
    /// Only the set-up scenario (`--setup-only`): what `--shape` needs to time topology set-up alone.
    var setUpOnly = false
    /// Whether polls ask the server to hold them (`Prefer: wait`), as Brickyard's client does; `--no-prefer-wait`
    /// polls as heketi-cli does.
    var prefersWait = true

    static let usage =
        "usage: brickyard-bench api [--quick] [--server PATH] [--volumes N] [--creates N] [--shape NODESxDEVICES]"
        + " [--setup-only] [--no-prefer-wait]"

    init(arguments: [String]) throws {
        var rest = arguments[...]
        var creates: Int?
        var volumes: Int?
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick": self.quick = true
            case "--server": self.serverPath = try Self.value(of: argument, from: &rest)
            case "--volumes": volumes = try Self.count(of: argument, from: &rest)
            case "--creates": creates = try Self.count(of: argument, from: &rest)
            case "--shape": self.shapes = [try Self.shape(of: argument, from: &rest)]
            case "--setup-only": self.setUpOnly = true
            case "--no-prefer-wait": self.prefersWait = false
            default: throw APIBenchmarkError.usage("unknown option \"\(argument)\"; " + Self.usage)
            }
        }
        self.creates = creates ?? (self.quick ? 60 : 300)
        self.heldVolumes = volumes ?? (self.quick ? 200 : 1_000)
        self.readDuration = self.quick ? .seconds(1) : .seconds(3)
    }

    /// What one shape measured, for the ratios.
    struct ShapeResult {
        var sequentialPerSecond: Double
        var concurrentPerSecond: Double
        var getsPerSecond: Double
        var residentMB: Double
    }

    func run() async throws {
        var results: [ShapeResult] = []
        for shape in self.shapes {
            if let result = try await self.run(shape) { results.append(result) }
        }
        // The ratios compare the two standard shapes; one shape alone has nothing to compare with.
        guard results.count == 2, let small = results.first, let large = results.last else { return }
        var line = JSONLine(scenario: "api.scaling")
        line.add("sequentialCreateRatio", large.sequentialPerSecond / small.sequentialPerSecond, digits: 3)
        line.add("concurrentCreateRatio", large.concurrentPerSecond / small.concurrentPerSecond, digits: 3)
        line.add("getRatio", large.getsPerSecond / small.getsPerSecond, digits: 3)
        line.add("residentRatio", large.residentMB / small.residentMB, digits: 3)
        line.print()
    }

    /// All scenarios at one shape (or only the set-up), on a fresh server and database; the server is stopped on
    /// every path.
    func run(_ shape: TopologyShape) async throws -> ShapeResult? {
        let server = try ServerProcess(executable: self.serverPath)
        ProgressLog.write(
            "\(shape.name): server pid \(server.pid) on \(server.baseURL), files in \(server.directory.path)")
        let result: ShapeResult
        do {
            try await server.waitUntilReady()
            try await self.setUp(shape, on: server)
            if self.setUpOnly {
                _ = await server.stop()
                return nil
            }
            let sequential = try await self.createVolumes(
                count: self.creates, clients: 1, scenario: "api.sequentialCreates", shape: shape, server: server)
            let concurrent = try await self.createVolumes(
                count: self.creates, clients: self.concurrentClients, scenario: "api.concurrentCreates", shape: shape,
                server: server)
            let ids = sequential.ids + concurrent.ids
            let gets = try await self.readVolumes(ids, shape: shape, server: server)
            let resident = try await self.fill(to: self.heldVolumes, holding: ids.count, shape: shape, server: server)
            result = ShapeResult(
                sequentialPerSecond: sequential.perSecond, concurrentPerSecond: concurrent.perSecond,
                getsPerSecond: gets, residentMB: resident)
        } catch {
            let shutdown = await server.stop(keepFiles: true)
            ProgressLog.write(
                "\(shape.name): server stopped after a failure (\(shutdown.termination?.description ?? "unknown")); "
                    + "log kept at \(server.logURL.path)")
            throw error
        }
        let shutdown = await server.stop()
        var line = JSONLine(scenario: "api.shutdown")
        line.add("shape", shape.name)
        line.add("seconds", shutdown.seconds, digits: 3)
        line.add("termination", shutdown.termination?.description ?? "unknown")
        line.add("killed", shutdown.killed ? "yes" : "no")
        line.print()
        if shutdown.killed {
            ProgressLog.write("\(shape.name): the server did not exit within 10 s of SIGTERM and was killed")
        }
        return result
    }

    /// `brickyard` in the directory of this executable (symbolic links resolved).
    static func defaultServerPath() -> String {
        let argument = CommandLine.arguments.first ?? ""
        let executable =
            argument.contains("/") ? URL(fileURLWithPath: argument) : URL(fileURLWithPath: "/proc/self/exe")
        return executable.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("brickyard").path
    }

    private static func value(of option: String, from rest: inout ArraySlice<String>) throws -> String {
        guard let value = rest.popFirst() else {
            throw APIBenchmarkError.usage("\(option) needs a value; " + Self.usage)
        }
        return value
    }

    /// `300x8`: nodes, then devices per node.
    private static func shape(of option: String, from rest: inout ArraySlice<String>) throws -> TopologyShape {
        let text = try Self.value(of: option, from: &rest)
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let nodes = Int(parts[0]), let devices = Int(parts[1]), nodes > 0, devices > 0,
            devices <= 24
        else {
            throw APIBenchmarkError.usage(
                "\(option) needs NODESxDEVICES (devices 1 to 24), not \"\(text)\"; " + Self.usage)
        }
        return TopologyShape(name: text, nodes: nodes, devicesPerNode: devices)
    }

    private static func count(of option: String, from rest: inout ArraySlice<String>) throws -> Int {
        let text = try Self.value(of: option, from: &rest)
        guard let count = Int(text), count > 0 else {
            throw APIBenchmarkError.usage("\(option) needs a positive count, not \"\(text)\"; " + Self.usage)
        }
        return count
    }
}
