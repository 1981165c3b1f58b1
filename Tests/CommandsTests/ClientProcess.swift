import Foundation

/// One run of the `brickyard` client as a user runs it: a child process with its own environment, its standard
/// output and standard error kept apart, and its exit code. Waiting polls, so no cooperative thread blocks.
struct ClientRun: Sendable {
    var code: Int32
    var output: String
    var errors: String

    var lines: [String] { self.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    var errorLines: [String] { self.errors.split(separator: "\n").map(String.init) }

    /// The standard output parsed as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(self.output.utf8))
    }

    func object() throws -> [String: Any] {
        guard let object = try self.json() as? [String: Any] else {
            throw ServerProcessError("not a JSON object: \(self.output)")
        }
        return object
    }

    /// Runs `brickyard arguments...` against `server` (a base URL, or nil to name none) with only `environment`
    /// set beyond PATH and HOME, so the developer's BRICKYARD_* or HEKETI_CLI_* variables cannot leak in.
    static func run(
        _ arguments: [String], server: String?, environment: [String: String] = [:], timeout: Duration = .seconds(60)
    ) async throws -> ClientRun {
        let process = Process()
        process.executableURL = try ServerProcess.executable()
        process.arguments = (server.map { ["--server", $0] } ?? []) + arguments
        var variables = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        variables["HOME"] = ProcessInfo.processInfo.environment["HOME"]
        process.environment = variables.merging(environment) { _, new in new }
        // Files, not pipes: a server another test starts at the same moment could inherit a pipe's write end and
        // hold it open, so end of file would never come.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("client-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputURL = directory.appendingPathComponent("stdout")
        let errorURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw ServerProcessError("brickyard \(arguments.joined(separator: " ")) did not finish")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let outputText = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
        let errorText = String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
        return ClientRun(
            code: process.terminationStatus, output: outputText, errors: errorText)
    }
}
