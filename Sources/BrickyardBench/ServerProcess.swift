import Foundation
import Glibc

/// A `brickyard serve` child process on a free loopback port with a database in a temporary directory: runs
/// `<path> serve --listen 127.0.0.1:<port> --db <dir>/bench.db --executor mock --disable-auth`.
///
/// Its stdout and stderr go to `<dir>/server.log` rather than a pipe, so a chatty server never blocks on a full
/// pipe; the tail of that file explains an early exit.
final class ServerProcess {
    let executable: String
    let directory: URL
    let port: UInt16
    private let child: ChildProcess

    var baseURL: String { "http://127.0.0.1:\(self.port)" }
    var pid: Int32 { self.child.pid }
    var logURL: URL { self.directory.appendingPathComponent("server.log") }

    /// Starts the server; returns once it runs, without waiting for it to answer (see `waitUntilReady`).
    init(executable: String) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw APIBenchmarkError.serverLaunch(
                path: executable, reason: "no executable there (build it, or pass --server PATH)")
        }
        self.executable = executable
        self.directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("brickyard-bench-\(UUID().uuidString.prefix(8))")
        self.port = try Self.freePort()
        let arguments = [
            "serve", "--listen", "127.0.0.1:\(self.port)",
            "--db", self.directory.appendingPathComponent("bench.db").path,
            "--executor", "mock", "--disable-auth",
        ]
        do {
            try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
            self.child = try ChildProcess(
                path: executable, arguments: arguments,
                outputPath: self.directory.appendingPathComponent("server.log").path)
        } catch {
            throw APIBenchmarkError.serverLaunch(path: executable, reason: "\(error)")
        }
    }

    /// Polls `GET /hello` until it answers 200; throws with the log tail if the server exits or `timeout` passes.
    func waitUntilReady(timeout: Duration = .seconds(30)) async throws {
        let client = HeketiLoadClient(baseURL: self.baseURL)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try self.checkRunning()
            if await client.hello() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw APIBenchmarkError.serverNotReady(seconds: Int(timeout.components.seconds), logTail: self.logTail())
    }

    /// Throws `serverExited` when the server is no longer running.
    func checkRunning() throws {
        guard self.child.isRunning else {
            throw APIBenchmarkError.serverExited(
                termination: self.child.termination?.description ?? "unknown", logTail: self.logTail())
        }
    }

    /// The resident set size from `VmRSS` in `/proc/<pid>/status`, in bytes.
    func residentBytes() throws -> Int { try self.memory().resident }

    /// Resident memory split as the kernel counts it: anonymous pages (the heap, stacks) and file pages (the
    /// executable and shared libraries that were touched).
    struct Memory {
        var resident: Int
        var anonymous: Int
        var file: Int
    }

    /// `VmRSS`, `RssAnon` and `RssFile` from `/proc/<pid>/status`, in bytes.
    func memory() throws -> Memory {
        let path = "/proc/\(self.pid)/status"
        guard let status = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw APIBenchmarkError.badResponse(request: "read \(path)", problem: "unreadable")
        }
        func kibibytes(_ key: String) throws -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
                let value = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
            else {
                throw APIBenchmarkError.badResponse(request: "read \(path)", problem: "no \(key) line")
            }
            return value * 1024
        }
        return Memory(resident: try kibibytes("VmRSS"), anonymous: try kibibytes("RssAnon"), file: try kibibytes("RssFile"))
    }

    /// What `stop` observed.
    struct Shutdown {
        var seconds: Double
        var termination: ChildProcess.Termination?
        /// True when SIGTERM did not end the server within the grace period and SIGKILL did.
        var killed: Bool
    }

    /// Sends SIGTERM and waits up to `grace` for the exit; sends SIGKILL after that. Removes the temporary
    /// directory unless `keepFiles`.
    func stop(grace: Duration = .seconds(10), keepFiles: Bool = false) async -> Shutdown {
        let clock = ContinuousClock()
        let start = clock.now
        var killed = false
        self.child.send(SIGTERM)
        while self.child.isRunning, clock.now - start < grace {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if self.child.isRunning {
            killed = true
            self.child.send(SIGKILL)
            while self.child.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
        if !keepFiles { try? FileManager.default.removeItem(at: self.directory) }
        return Shutdown(seconds: (clock.now - start).seconds, termination: self.child.termination, killed: killed)
    }

    /// The last 2 KiB of the server's log.
    func logTail() -> String {
        guard let data = FileManager.default.contents(atPath: self.logURL.path) else { return "" }
        return String(decoding: data.suffix(2048), as: UTF8.self)
    }

    /// A port the kernel considers free now: bind 127.0.0.1:0, read the port back, close.
    private static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Self.socketError("socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw Self.socketError("bind") }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func socketError(_ function: String) -> APIBenchmarkError {
        .serverLaunch(path: "127.0.0.1:0", reason: "\(function): \(String(cString: strerror(errno)))")
    }
}
