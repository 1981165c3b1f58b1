import Curl
import Foundation
import HTTPTypes
import Synchronization

/// `brickyard serve` as a child process: started on a free loopback port, spoken to over HTTP with the libcurl
/// client, and killed (gracefully or with SIGKILL) by the test.
final class ServerProcess: Sendable {
    let process: Process
    let port: Int
    private let output: OutputBuffer
    let client = HTTPClient()

    /// The `brickyard` executable built next to the test bundle.
    static func executable() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["BRICKYARD_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        for directory in candidates {
            let url = directory.appendingPathComponent("brickyard")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw ServerProcessError("the brickyard executable was not found next to the tests (\(candidates.map(\.path))); build it with `swift build --build-tests` or set BRICKYARD_BINARY")
    }

    /// Starts the server and waits (without blocking a thread of the cooperative pool) until it listens.
    /// `disableAuth: false` leaves authentication on, for servers started with `--admin-key`.
    static func start(
        database: String, environment: [String: String] = [:], arguments: [String] = [], disableAuth: Bool = true
    ) async throws -> ServerProcess {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments =
            ["serve", "--listen", "127.0.0.1:0", "--db", database] + (disableAuth ? ["--disable-auth"] : []) + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        let output = OutputBuffer()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            output.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(20)
        var port: Int?
        while ContinuousClock.now < deadline, port == nil, process.isRunning {
            port = Self.listeningPort(in: output.text.withLock { $0 })
            if port == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard let port else {
            process.terminate()
            throw ServerProcessError("server did not start listening: \(output.text.withLock { $0 }.suffix(2000))")
        }
        return ServerProcess(process: process, port: port, output: output)
    }

    private init(process: Process, port: Int, output: OutputBuffer) {
        self.process = process
        self.port = port
        self.output = output
    }

    var log: String { self.output.text.withLock { $0 } }

    static func listeningPort(in log: String) -> Int? {
        for line in log.split(separator: "\n") where line.contains("event=listening") {
            guard let range = line.range(of: "address=127.0.0.1:") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            return Int(digits)
        }
        return nil
    }

    func request(_ method: String, _ path: String, json: String? = nil) async throws -> HTTPResponse {
        let request = HTTPRequest(
            method: method, url: "http://127.0.0.1:\(self.port)\(path)",
            headers: json == nil ? [:] : ["Content-Type": "application/json"], body: json.map { Data($0.utf8) },
            timeout: .seconds(10))
        return try await self.client.send(request)
    }

    /// Posts and follows Heketi's async protocol to the end: the final 303 location, or nil for 204.
    func completed(_ method: String, _ path: String, json: String? = nil, timeout: Duration = .seconds(20))
        async throws -> String?
    {
        let accepted = try await self.request(method, path, json: json)
        guard accepted.status == 202, let queue = accepted.headers["Location"] else {
            throw ServerProcessError("\(method) \(path): expected 202, got \(accepted.status) \(accepted.bodyText)")
        }
        return try await self.wait(queue, timeout: timeout)
    }

    func wait(_ queue: String, timeout: Duration = .seconds(20)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let status = try await self.request("GET", queue)
            switch status.status {
            case 200: try await Task.sleep(for: .milliseconds(10))
            case 303: return status.headers["Location"]
            case 204: return nil
            default: throw ServerProcessError("\(queue): \(status.status) \(status.bodyText)")
            }
        }
        throw ServerProcessError("\(queue) did not finish")
    }

    func json(_ path: String) async throws -> [String: Any] {
        let response = try await self.request("GET", path)
        guard response.status == 200,
            let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        else { throw ServerProcessError("GET \(path): \(response.status) \(response.bodyText)") }
        return object
    }

    /// Waits for the process to exit on its own (a crash test's server kills itself), polling so no thread blocks.
    func waitForExit(timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while self.process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        if self.process.isRunning { throw ServerProcessError("the server did not exit within \(timeout)") }
    }

    /// Sends `signal` and waits for the process to exit, polling so no thread blocks.
    func kill(signal: Int32) async throws {
        Foundation.kill(self.process.processIdentifier, signal)
        let deadline = ContinuousClock.now + .seconds(30)
        while self.process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    deinit {
        if self.process.isRunning {
            Foundation.kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
        }
    }
}

struct ServerProcessError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The child's combined output, appended from the pipe's reader thread.
final class OutputBuffer: Sendable {
    let text = Mutex("")
}
