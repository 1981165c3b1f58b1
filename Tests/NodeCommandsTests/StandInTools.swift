import Foundation
import Glibc
import NodeCommands

/// A temporary `bin` directory of small `/bin/sh` scripts standing in for a node's tools (`gluster`, `pvs`,
/// `findmnt`, ...), put first on `PATH` so a generated script runs them instead of the real ones.
final class StandInTools {
    let directory: String

    init() throws {
        self.directory = NSTemporaryDirectory() + "nodecommands-bin-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: self.directory)
    }

    /// Writes the executable `name` running `body`.
    func add(_ name: String, _ body: String) throws {
        // Written through a close-on-exec descriptor: a child another test spawns at this moment must not keep
        // the file open for writing, or running it fails with ETXTBSY.
        let descriptor = open(self.directory + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Runs `argv` through `/bin/sh` with this directory first on `PATH`: its exit status, standard output and
    /// standard error.
    func run(_ argv: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let errors = self.directory + "/stderr"
        let result = try Shell.run(
            "PATH=\(ShellQuote.quote(self.directory)):\"$PATH\" \(ShellQuote.join(argv)) 2>\(ShellQuote.quote(errors))")
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        return (result.status, result.output, stderr)
    }
}
