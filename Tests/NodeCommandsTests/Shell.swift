import Foundation
import Synchronization

/// Runs text through the real `/bin/sh`, so quoting and scripts are checked by the shell that will read them.
enum Shell {
    struct Result {
        var status: Int32
        var output: String
    }

    /// One child at a time: Foundation's `Process` on Linux is not safe to start from parallel tests.
    private static let lock = Mutex(())

    /// `/bin/sh -c SCRIPT`, with standard output captured (standard error discarded).
    static func run(_ script: String) throws -> Result {
        try Self.lock.withLock { _ in try Self.runAlone(script) }
    }

    private static func runAlone(_ script: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// The words the shell sees after reading `rendered`: printed NUL-separated, so newlines survive.
    static func words(of rendered: String) throws -> [String] {
        let result = try Self.run("printf '%s\\0' " + rendered)
        var words = result.output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        words.removeLast()
        return words
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init() throws {
        self.path = NSTemporaryDirectory() + "nodecommands-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}
